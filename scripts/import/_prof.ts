import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { readCables } from './read/index.ts';
import { toCableRow, type CableRow } from './rows.ts';
import { batchStatements } from './writer.ts';
async function main() {
  const db = new Database(resolveConnection());
  const rows: CableRow[] = [];
  for await (const o of readCables([process.argv[2]!])) if (o.ok) rows.push(toCableRow(o.record));
  const batch = rows.slice(0, Number(process.argv[3] ?? 1000));
  const t0 = Date.now();
  await db.writeTransaction(async (run) => {
    for (const [c, p] of batchStatements(batch)) { const t = Date.now(); await run(c, p); console.log(c.trim().split('\n').slice(0,2).join(' ').slice(0,60), Date.now() - t, 'ms'); }
  });
  console.log('total', Date.now() - t0);
  await db.close();
}
main();
