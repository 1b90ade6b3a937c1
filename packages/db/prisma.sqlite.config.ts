import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The Rust-free setup: the CLI reaches the database through a driver adapter, so nothing is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '../../prisma/schema.prisma'),
  migrations: { path: path.join(__dirname, '../../prisma/migrations/sqlite') },
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? 'file:./data/openmsg.db' });
  },
});
