// The instance password: NEO4J_PASSWORD (app) / NEO4J_TEST_PASSWORD (test) if set, else generated once
// (crypto random) and kept in .neo4j/instances/<name>/password (mode 600). Also the connection.json file.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envPrefix } from './config.ts';
import type { InstanceName, InstancePaths } from './paths.ts';

export const USER = 'neo4j';
export const MIN_PASSWORD_LENGTH = 8; // Neo4j 5 default dbms.security.auth_minimum_password_length

export function generatePassword(): string {
  return randomBytes(18).toString('base64url'); // 24 chars
}

export function envPassword(name: InstanceName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[`${envPrefix(name)}PASSWORD`];
  return v ? v : undefined;
}

export function readStoredPassword(p: InstancePaths): string | undefined {
  if (!existsSync(p.passwordFile)) return undefined;
  const v = readFileSync(p.passwordFile, 'utf8').trim();
  return v || undefined;
}

export function writeSecret(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600); // also when the file already existed with wider permissions
}

export function storePassword(p: InstancePaths, password: string): void {
  writeSecret(p.passwordFile, password + '\n');
}

/** True once the DBMS has been started at least once (the system database holds the users from then on). */
export function isInitialized(p: InstancePaths): boolean {
  return existsSync(join(p.data, 'databases', 'system'));
}

export interface StoredConnection {
  uri: string;
  user: string;
  password: string;
}

export function writeConnectionFile(p: InstancePaths, c: StoredConnection): void {
  writeSecret(p.connectionFile, JSON.stringify({ uri: c.uri, user: c.user, password: c.password }, null, 2) + '\n');
}

export function readConnectionFile(p: InstancePaths): StoredConnection | null {
  try {
    const c = JSON.parse(readFileSync(p.connectionFile, 'utf8')) as StoredConnection;
    return typeof c.uri === 'string' && typeof c.user === 'string' && typeof c.password === 'string' ? c : null;
  } catch {
    return null;
  }
}
