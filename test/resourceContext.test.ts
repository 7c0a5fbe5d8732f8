import { describe, expect, it } from 'vitest';
import { defaultAnswers, fieldTypes, type Resource } from '../src/answers/types.js';
import { resourceContext } from '../src/render/render.js';

const named = (name: string): Resource => ({ name, fields: [{ name: 'title', type: 'string' }] });

describe('resourceContext', () => {
  it.each([
    ['orders', { key: 'orders', singular: 'order', type: 'Order', typePlural: 'Orders', table: 'orders', path: '/orders', aLabel: 'an order' }],
    ['line-items', { key: 'lineItems', singular: 'lineItem', type: 'LineItem', typePlural: 'LineItems', table: 'line_items', path: '/line-items', aLabel: 'a line item' }],
    ['categories', { singular: 'category', type: 'Category', table: 'categories', aLabel: 'a category' }],
    ['people', { singular: 'person', type: 'Person', aLabel: 'a person' }],
    ['users', { singular: 'user', aLabel: 'a user', cachePrefix: 'user:' }],
    ['updates', { aLabel: 'an update' }],
  ])('derives the names of %s from the plural', (name, expected) => {
    expect(resourceContext(named(name))).toMatchObject(expected);
  });

  it('gives every field type a schema, a column and test values', () => {
    const resource: Resource = { name: 'orders', fields: fieldTypes.map((type) => ({ name: `${type}Field`, type })) };
    const fields = resourceContext(resource).fields;
    expect(fields.map((f) => [f.type, f.column, f.sqlType])).toEqual([
      ['string', 'string_field', 'varchar(200)'],
      ['text', 'text_field', 'text'],
      ['integer', 'integer_field', 'integer'],
      ['number', 'number_field', 'double precision'],
      ['boolean', 'boolean_field', 'boolean'],
      ['datetime', 'datetime_field', 'timestamp with time zone'],
      ['email', 'email_field', 'varchar(320)'],
    ]);
    expect(fields.map((f) => f.schema)).toEqual([
      "Type.String({ minLength: 1, maxLength: 200, examples: ['string field 1'] })",
      "Type.String({ maxLength: 2000, examples: ['Some text field, number 1.'] })",
      'Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647, examples: [1] })',
      'Type.Number({ examples: [1.5] })',
      'Type.Boolean({ examples: [true] })',
      "Type.String({ format: 'date-time', examples: ['2026-12-04T09:30:00.000Z'] })",
      "Type.String({ format: 'email', maxLength: 320, examples: ['email.field1@example.com'] })",
    ]);
    for (const f of fields) {
      expect(f.drizzle, f.name).toMatch(new RegExp(`^${f.drizzleImport}\\('${f.column}'.*\\.notNull\\(\\)$`));
      expect(f.invalid.length, f.name).toBeGreaterThan(0);
    }
  });

  it('makes optional fields nullable and unique fields a named constraint with a 409 message', () => {
    const [note, email] = resourceContext({
      name: 'orders',
      fields: [
        { name: 'note', type: 'text', optional: true },
        { name: 'contactEmail', type: 'email', unique: true },
      ],
    }).fields;
    expect(note!.schema).toBe("Type.Union([Type.String({ maxLength: 2000, examples: ['Some note, number 1.'] }), Type.Null()])");
    expect(note!.drizzle).toBe("text('note')");
    expect(email!.drizzle).toBe("varchar('contact_email', { length: 320 }).notNull().unique('orders_contact_email_unique')");
    expect(email!.conflictMessage).toBe('An order with this contact email already exists');
  });

  it('keeps the lower bound of items.price', () => {
    const price = resourceContext(defaultAnswers.resources[0]!).fields.find((f) => f.name === 'price')!;
    expect(price.schema).toBe('Type.Number({ minimum: 0, examples: [1.5] })');
    expect(price.invalid.map((i) => i.value)).toContain('-1');
  });
});
