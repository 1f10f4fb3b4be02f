import { describe, expect, it } from 'vitest';
import type { GrantConfig } from '@/lib/config/auth-schema';
import { ANONYMOUS_OPERATOR, canOperate, canView, grantsFor, type Grant, type Principal } from '@/lib/auth/principal';
import { decodePrincipal, encodePrincipal } from '@/lib/auth/principal-header';

function principal(...grants: Grant[]): Principal {
  return { name: 'ada', via: 'basic', grants };
}

describe('canView', () => {
  it('lets a grant without a cluster list see every cluster', () => {
    const viewer = principal({ role: 'viewer', clusters: null });
    expect(canView(viewer, 'prod')).toBe(true);
    expect(canView(viewer, 'any-other')).toBe(true);
  });

  it('lets a grant with a cluster list see only those clusters', () => {
    const viewer = principal({ role: 'viewer', clusters: ['prod', 'staging'] });
    expect(canView(viewer, 'prod')).toBe(true);
    expect(canView(viewer, 'staging')).toBe(true);
    expect(canView(viewer, 'dev')).toBe(false);
  });

  it('lets an operator view, since an operator may do everything a viewer may', () => {
    expect(canView(principal({ role: 'operator', clusters: ['prod'] }), 'prod')).toBe(true);
  });

  it('refuses a principal with no grants at all', () => {
    expect(canView(principal(), 'prod')).toBe(false);
  });

  it('lets the anonymous operator of mode none see any cluster', () => {
    expect(canView(ANONYMOUS_OPERATOR, 'whatever')).toBe(true);
  });
});

describe('canOperate', () => {
  it('refuses a viewer, even on a cluster it may see', () => {
    const viewer = principal({ role: 'viewer', clusters: null });
    expect(canView(viewer, 'prod')).toBe(true);
    expect(canOperate(viewer, 'prod')).toBe(false);
  });

  it('lets an operator operate on its clusters only', () => {
    const operator = principal({ role: 'operator', clusters: ['prod'] });
    expect(canOperate(operator, 'prod')).toBe(true);
    expect(canOperate(operator, 'staging')).toBe(false);
  });

  it('combines grants: viewer everywhere and operator on one cluster operates only there', () => {
    const mixed = principal({ role: 'viewer', clusters: null }, { role: 'operator', clusters: ['staging'] });
    expect(canView(mixed, 'prod')).toBe(true);
    expect(canOperate(mixed, 'prod')).toBe(false);
    expect(canOperate(mixed, 'staging')).toBe(true);
  });

  it('lets the anonymous operator of mode none operate on any cluster', () => {
    expect(canOperate(ANONYMOUS_OPERATOR, 'whatever')).toBe(true);
  });
});

describe('grantsFor', () => {
  const configured: GrantConfig[] = [
    { user: 'ada', role: 'operator', clusters: ['prod'] },
    { user: 'bob', role: 'operator' },
    { group: 'sre', role: 'operator' },
    { group: 'devs', role: 'viewer', clusters: ['staging'] },
  ];

  it('gives a user the grants that name them, with every cluster when no list is given', () => {
    expect(grantsFor('ada', [], configured)).toEqual([{ role: 'operator', clusters: ['prod'] }]);
    expect(grantsFor('bob', [], configured)).toEqual([{ role: 'operator', clusters: null }]);
  });

  it('gives a user the grants of the groups they are in', () => {
    const grants = grantsFor('carol', ['devs', 'sre'], configured);
    expect(grants).toEqual([
      { role: 'operator', clusters: null },
      { role: 'viewer', clusters: ['staging'] },
    ]);
    const carol = principal(...grants);
    expect(canOperate(carol, 'prod')).toBe(true);
  });

  it('gives nothing to a user named by no grant and in no granted group, who then cannot view', () => {
    const grants = grantsFor('mallory', ['visitors'], configured);
    expect(grants).toEqual([]);
    expect(canView(principal(...grants), 'staging')).toBe(false);
  });

  it('does not match a group grant by user name, nor a user grant by group name', () => {
    expect(grantsFor('sre', [], configured)).toEqual([]);
    expect(grantsFor('dave', ['ada'], configured)).toEqual([]);
  });

  it('puts the principal’s own grants first, then the configured ones', () => {
    const own: Grant[] = [{ role: 'viewer', clusters: ['dev'] }];
    expect(grantsFor('ada', [], configured, own)).toEqual([
      { role: 'viewer', clusters: ['dev'] },
      { role: 'operator', clusters: ['prod'] },
    ]);
  });
});

describe('encodePrincipal and decodePrincipal', () => {
  it('carry a principal through the header unchanged', () => {
    const ada = principal({ role: 'operator', clusters: ['prod'] });
    expect(decodePrincipal(encodePrincipal(ada))).toEqual(ada);
  });

  it('read an absent, malformed or foreign value as no principal', () => {
    expect(decodePrincipal(undefined)).toBeNull();
    expect(decodePrincipal('')).toBeNull();
    expect(decodePrincipal('not base64 json!')).toBeNull();
    expect(decodePrincipal(Buffer.from(JSON.stringify({ name: 'x' })).toString('base64url'))).toBeNull();
    expect(decodePrincipal(Buffer.from(JSON.stringify({ grants: [] })).toString('base64url'))).toBeNull();
  });
});
