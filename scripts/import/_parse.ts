import { readFileFrom } from './inputs.ts';
import { toCableRow } from './rows.ts';
import { batchStatements } from './writer.ts';
async function main() {
  const t = Date.now(); let n = 0; let rows = [] as ReturnType<typeof toCableRow>[]; let tRows = 0;
  for await (const { outcome } of readFileFrom(process.argv[2]!, { records: 0, line: 0 }, () => {})) {
    n++; if (outcome.ok) { const t1 = performance.now(); rows.push(toCableRow(outcome.record)); tRows += performance.now() - t1; }
    if (rows.length >= 1000) { const t1 = performance.now(); batchStatements(rows); tRows += performance.now() - t1; rows = []; }
  }
  console.log(n, (Date.now() - t) / 1000, 's; rows+statements', (tRows / 1000).toFixed(2), 's', process.memoryUsage().rss / 1e6);
}
main();
