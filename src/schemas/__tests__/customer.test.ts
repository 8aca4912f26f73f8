import { describe, expect, it } from 'vitest';
import { SignupPayloadSchema } from '../customer';

describe('SignupPayloadSchema', () => {
  it.each([
    { name: 'guide shape', payload: { data: { key: 'cus_1', email: 'jane@example.com', name: 'Jane' } } },
    {
      name: 'numeric key, tags',
      payload: { data: { key: 7, email: 'a.b+c@mail.example.co.uk', tags: ['x'] } },
    },
  ])('accepts $name', ({ payload }) => {
    expect(SignupPayloadSchema.safeParse(payload).success).toBe(true);
  });

  it.each([
    { name: 'no payload', payload: null, paths: [''] },
    { name: 'no key', payload: { data: { email: 'a@b.co' } }, paths: ['data.key'] },
    { name: 'blank key', payload: { data: { key: '  ', email: 'a@b.co' } }, paths: ['data.key'] },
    { name: 'no e-mail', payload: { data: { key: 'cus_1' } }, paths: ['data.email'] },
    ...['jane', 'jane@example', 'jane doe@example.com', '@example.com'].map((email) => ({
      name: `e-mail ${email}`,
      payload: { data: { key: 'cus_1', email } },
      paths: ['data.email'],
    })),
  ])('rejects $name', ({ payload, paths }) => {
    const issues = SignupPayloadSchema.safeParse(payload).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(paths);
  });
});
