// Writes src/api/generated/models.ts from the project's Prisma schema (prisma/schema.prisma): one plain interface per
// model with its scalar fields, typed as Prisma's client types them. The client API's views (`ViewOf<Account, ...>`)
// pick from these, so they follow the schema while the built package imports no database code. Run by the build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSchema } from '@mrleebo/prisma-ast';

const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA = join(here, '../../../prisma/schema.prisma');
const TARGET = join(here, '../src/api/generated/models.ts');

/** Prisma's scalar types as its generated client types them (Prisma 6). Json and Decimal need a type of their own: add them when used. */
const SCALARS = {
  String: 'string',
  Boolean: 'boolean',
  Int: 'number',
  Float: 'number',
  BigInt: 'bigint',
  DateTime: 'Date',
  Bytes: 'Uint8Array',
};

export function modelTypes(schemaText) {
  const blocks = getSchema(schemaText).list;
  const enums = new Map(blocks.filter((block) => block.type === 'enum').map((block) => [block.name, block]));
  const models = new Set(blocks.filter((block) => block.type === 'model').map((block) => block.name));
  const out = [
    '// GENERATED from prisma/schema.prisma by packages/core/scripts/generate-model-types.mjs at build. Do not edit.',
    '',
  ];
  for (const block of enums.values()) {
    const values = block.enumerators.filter((item) => item.type === 'enumerator').map((item) => `'${item.name}'`);
    out.push(`export type ${block.name} = ${values.join(' | ')};`, '');
  }
  for (const block of blocks.filter((candidate) => candidate.type === 'model')) {
    out.push(`export interface ${block.name} {`);
    let doc = [];
    for (const property of block.properties) {
      if (property.type === 'comment') {
        if (property.text.startsWith('///')) doc.push(property.text.slice(3).trim());
        continue;
      }
      if (property.type !== 'field') continue;
      const type = property.fieldType;
      // Relations and Unsupported(...) columns are not in Prisma's model type either.
      if (typeof type !== 'string' || models.has(type)) {
        doc = [];
        continue;
      }
      const tsType = SCALARS[type] ?? (enums.has(type) ? type : null);
      if (!tsType)
        throw new Error(
          `${block.name}.${property.name}: no plain TypeScript type for the Prisma type ${type}; add it to SCALARS`,
        );
      if (doc.length > 0) out.push(`  /** ${doc.join(' ')} */`);
      doc = [];
      out.push(`  ${property.name}: ${tsType}${property.array ? '[]' : ''}${property.optional ? ' | null' : ''};`);
    }
    out.push('}', '');
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, modelTypes(readFileSync(SCHEMA, 'utf8')));
}
