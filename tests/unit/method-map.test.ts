import { describe, expect, it } from 'vitest';
import { methods } from '../../electron/contract/methods';
import { handlers } from '../../electron/core/app';
import { DuplicateMethodError, mergeMethodMaps } from '../../electron/core/kernel/method-map';

describe('the contract map', () => {
  it('merges the domain maps in order, keeping every method', () => {
    const merged = mergeMethodMaps({ a: { 'x.one': 1, 'x.two': 2 }, b: { 'y.one': 3 } });
    expect(merged).toEqual({ 'x.one': 1, 'x.two': 2, 'y.one': 3 });
  });

  it('refuses a method defined by two maps, naming the method and both maps', () => {
    const build = () =>
      mergeMethodMaps({ catalogueHandlers: { 'catalogue.get': 1 }, scanHandlers: { 'catalogue.get': 2 } });
    expect(build).toThrow(DuplicateMethodError);
    expect(build).toThrow('duplicate method "catalogue.get": defined by both "catalogueHandlers" and "scanHandlers"');
  });

  it('the core built its handlers with it: one handler for each contract method, no more', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
  });
});
