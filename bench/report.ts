export type BenchResult = { name: string; value: number; unit: string };

export function printResults(title: string, results: BenchResult[]) {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`\n${title}`);
  for (const r of results) console.log(`  ${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit}`);
}

/** A figure to `digits` decimals, as the reports print them. */
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
