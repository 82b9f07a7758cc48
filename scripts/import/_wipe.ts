import { resolveConnection } from '../../server/src/db/connection.ts';
import { Database } from '../../server/src/db/driver.ts';
import { deleteEverything } from './writer.ts';
const db = new Database(resolveConnection()); deleteEverything(db).then(()=>db.close());
