/**
 * npm run db:relink-posts: gives a database imported before a post's renames were known one node
 * per post again (`KIEV` and `KYIV` → the post `KYIV`, every name kept as an alias; the table is
 * server/src/cables/data/post-renames.tsv), and deletes the posts and tags an older import made
 * from header noise (`ZNYCCCCCZZH\`). Idempotent: a second run finds nothing and writes nothing.
 * Every import run does the same at its end.
 */
import { renamedPosts } from '../../server/src/cables/posts.ts';
import { relinkPosts, removeHeaderNoise } from '../import/writer.ts';
import { connectAppDatabase } from './connect.ts';

async function main(): Promise<void> {
  const db = await connectAppDatabase();
  try {
    const merged = await relinkPosts(db, renamedPosts());
    console.log(merged === 0 ? `nothing to relink in ${db.uri}: every renamed post is one node` : `merged ${merged} post node(s) stored under a former name into the renamed post in ${db.uri}`);
    const noise = await removeHeaderNoise(db);
    const removed = noise.posts.length + noise.tags.length;
    console.log(
      removed === 0
        ? 'no post or tag made from header noise'
        : `deleted ${noise.posts.length} post(s) and ${noise.tags.length} tag(s) made from header noise (${[...noise.posts, ...noise.tags].map((k) => JSON.stringify(k)).join(', ')}); their cables stay`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
