// tsx scripts/neo4j/cli.ts start|stop|status [--instance app|test]
import { Command, Option } from 'commander';
import { relative } from 'node:path';
import { instancePaths, startLocal, statusLocal, stopLocal, type InstanceName } from './local.ts';
import { INSTANCE_NAMES } from './paths.ts';

const say = (line: string) => console.log(line);
/** A path relative to the working directory when it is inside it. */
const show = (p: string) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
};
const instanceOpt = () => new Option('-i, --instance <name>', 'which instance').choices(INSTANCE_NAMES as string[]).default('app');

async function main(): Promise<void> {
  const program = new Command()
    .name('db')
    .description('Manage the project-local Neo4j (app: the user database on :7687; test: wiped by tests, on :7688)')
    .showHelpAfterError();

  program
    .command('start')
    .description('start the instance (fetches the jars once) and wait until Bolt answers; no-op if already running')
    .addOption(instanceOpt())
    .action(async (o: { instance: InstanceName }) => {
      const c = await startLocal(o.instance, say);
      if (c.external) {
        const st = await statusLocal(o.instance);
        say(st.message);
        if (!st.running) process.exitCode = 1;
      } else {
        say(`ready: ${c.uri} (user ${c.user}; URI and password in ${show(instancePaths(o.instance).connectionFile)})`);
      }
    });

  program
    .command('stop')
    .description('stop the instance cleanly (SIGKILL fallback after a timeout)')
    .addOption(instanceOpt())
    .action(async (o: { instance: InstanceName }) => {
      await stopLocal(o.instance, say);
    });

  program
    .command('status')
    .description('print whether the instance runs (exit 0) or not (exit 3)')
    .addOption(instanceOpt())
    .action(async (o: { instance: InstanceName }) => {
      const st = await statusLocal(o.instance);
      const where = st.external ? 'external server (from env)' : `local, ${show(instancePaths(o.instance).home)}`;
      say(
        `neo4j ${o.instance}: ${st.running ? 'RUNNING' : 'STOPPED'} | ${st.uri}` +
          `${st.pid ? ` | pid ${st.pid}` : ''}${st.version ? ` | Neo4j ${st.version}` : ''} | ${where}`,
      );
      if ((!st.running && st.message !== 'stopped') || st.external) say(`  ${st.message}`);
      process.exitCode = st.running ? 0 : 3;
    });

  await program.parseAsync(process.argv);
}

main().catch((e: unknown) => {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
