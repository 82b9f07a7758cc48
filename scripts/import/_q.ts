import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
const db = new Database(resolveConnection());
db.read(process.argv[2]!).then((r)=>{console.log(JSON.stringify(r).slice(0,3000)); return db.close();});
