import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { importPaths } from './import.ts';
import { deleteEverything } from './writer.ts';
async function main() {
  const db = new Database(resolveConnection(process.env, 'test'), { maxRetryTimeMs: 30000 });
  for (const bs of [250, 1000, 3000, 1000, 250, 3000]) {
    await deleteEverything(db);
    const t = Date.now();
    const s = await importPaths(db, [process.argv[2]!], { rejectsFile: null, batchSize: bs });
    console.log(`batch ${bs}: ${((Date.now() - t) / 1000).toFixed(1)} s, ${(s.imported / ((Date.now() - t) / 1000)).toFixed(0)} cables/s`);
  }
  await db.close();
}
main();
