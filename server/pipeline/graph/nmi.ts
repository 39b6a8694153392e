/**
 * Normalised mutual information between two labellings of the same items, with the arithmetic
 * mean of the entropies as normaliser: NMI = I(U;V) / ((H(U) + H(V)) / 2). 1 when the partitions
 * are the same up to renaming, 0 when independent. Two single-cluster labellings count as equal (1).
 */
export function normalizedMutualInformation(u: ArrayLike<string | number>, v: ArrayLike<string | number>): number {
  if (u.length !== v.length) throw new Error(`labellings of different lengths: ${u.length} and ${v.length}`);
  const n = u.length;
  if (n === 0) return 1;
  const cu = new Map<string | number, number>();
  const cv = new Map<string | number, number>();
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    cu.set(u[i]!, (cu.get(u[i]!) ?? 0) + 1);
    cv.set(v[i]!, (cv.get(v[i]!) ?? 0) + 1);
    // JSON keeps "1" the string apart from 1 the number, and no separator can collide.
    const key = JSON.stringify([u[i], v[i]]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hu = entropy(cu.values());
  const hv = entropy(cv.values());
  if (hu + hv === 0) return 1;
  let mi = 0;
  for (const [key, c] of joint) {
    const [a, b] = JSON.parse(key) as [string | number, string | number];
    mi += (c / n) * Math.log((c * n) / (cu.get(a)! * cv.get(b)!));
  }
  return mi / ((hu + hv) / 2);
}
