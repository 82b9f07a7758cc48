import { parseCsvInParallel } from './parallel-csv.ts';
async function main() {
  const t = Date.now(); let n = 0;
  for await (const c of parseCsvInParallel(process.argv[2]!, { offset: 0, line: 1 }, Number(process.argv[3] ?? 2))) n += c.items.length;
  console.log(n, (Date.now() - t) / 1000, 's', process.memoryUsage().rss / 1e6);
}
main();
