import { describe, expect, it } from 'vitest';
import { argumentsProblem, resultProblem } from './tool-schemas';

describe('a tool’s own schemas', () => {
  const params = {
    type: 'object',
    properties: { guild_id: { type: 'string', pattern: '^(0|[1-9][0-9]*)$' }, limit: { type: 'integer', maximum: 100 } },
    required: ['guild_id'],
  };

  it('says which argument breaks what, with the value sent', () => {
    expect(argumentsProblem(params, { guild_id: 'guild_5' })).toBe('guild_id must match pattern "^(0|[1-9][0-9]*)$" (got "guild_5")');
    expect(argumentsProblem(params, { guild_id: '81384788765712384', limit: 500 })).toBe('limit must be <= 100 (got 500)');
    expect(argumentsProblem(params, {})).toBe('lacks required guild_id');
    expect(argumentsProblem(params, { guild_id: '0' })).toBeNull();
  });

  it('checks results against returns, reading OpenAPI’s nullable, and nothing without a schema', () => {
    const returns = {
      type: 'array',
      items: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, topic: { type: 'string', nullable: true } } },
    };
    expect(resultProblem(returns, [{ id: '1', topic: null }])).toBeNull();
    expect(resultProblem(returns, [{ id: 1 }])).toBe('0.id must be string (got 1)');
    expect(resultProblem(returns, { id: '1' })).toBe('the result must be array (got {"id":"1"})');
    expect(resultProblem(returns, undefined)).toBe('the result must be array (got nothing)');
    expect(resultProblem(null, 'anything')).toBeNull();
    // Guessed from one example (a ToolBench template, a saved Postman response): evidence, not a contract.
    expect(resultProblem({ ...returns, 'x-from-examples': true }, { id: '1' })).toBeNull();
    expect(resultProblem({}, 'anything')).toBeNull();
  });

  it('checks nothing with a schema that does not compile, rather than failing every call', () => {
    expect(argumentsProblem({ type: 'object', properties: { a: { type: 'string', pattern: '([' } } }, { a: 'x' })).toBeNull();
    expect(resultProblem({ type: 'no-such-type' }, 1)).toBeNull();
  });
});
