/**
 * The k best (index, score) pairs offered so far. k is small (≤ 200) and most offers lose to the
 * current worst, so a sorted array with insertion beats a heap in practice and keeps ties stable:
 * an equal score never displaces an earlier offer.
 */
export class TopK {
  private readonly indices: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.indices = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  offer(index: number, score: number): void {
    if (this.size === this.k && score <= this.scores[this.k - 1]!) return;
    let p = this.size < this.k ? this.size++ : this.k - 1;
    while (p > 0 && this.scores[p - 1]! < score) {
      this.scores[p] = this.scores[p - 1]!;
      this.indices[p] = this.indices[p - 1]!;
      p--;
    }
    this.scores[p] = score;
    this.indices[p] = index;
  }

  /** The score an offer must beat to get in: the k-th best once full, −∞ before. */
  floor(): number {
    return this.size === this.k ? this.scores[this.k - 1]! : -Infinity;
  }

  /** Best first. */
  items(): Array<{ index: number; score: number }> {
    return Array.from({ length: this.size }, (_, i) => ({ index: this.indices[i]!, score: this.scores[i]! }));
  }
}
