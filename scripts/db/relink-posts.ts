/**
 * npm run db:relink-posts: gives a database imported before a post's renames were known one node
 * per post again (`KIEV` and `KYIV` → the post `KYIV`, every name kept as an alias; the table is
 * server/src/cables/data/post-renames.tsv). Idempotent: a second run finds no former node and
 * writes nothing. Every import run does the same at its end.
 */
import { renamedPosts } from '../../server/src/cables/posts.ts';
import { relinkPosts } from '../import/writer.ts';
import { connectAppDatabase } from './connect.ts';

async function main(): Promise<void> {
  const db = await connectAppDatabase();
  try {
    const merged = await relinkPosts(db, renamedPosts());
    console.log(merged === 0 ? `nothing to relink in ${db.uri}: every renamed post is one node` : `merged ${merged} post node(s) stored under a former name into the renamed post in ${db.uri}`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
