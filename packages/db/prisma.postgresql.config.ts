import { PrismaPg } from '@prisma/adapter-pg';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '../../prisma/postgresql/schema.prisma'),
  migrations: { path: path.join(__dirname, '../../prisma/migrations/postgresql') },
  async adapter() {
    return new PrismaPg({
      connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    });
  },
});
