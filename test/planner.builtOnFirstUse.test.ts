// builtOnFirstUse: the config and plan-document schemas are built when first asked for, once.
import { expect } from 'chai';
import { builtOnFirstUse } from '../planner/builtOnFirstUse';
import { networkConfigSchema } from '../planner/config';

describe('planner: builtOnFirstUse', () => {
  it('builds nothing until asked, then once, and hands back the same value every time', () => {
    let builds = 0;
    const value = builtOnFirstUse(() => ({ n: ++builds }));
    expect(builds).to.equal(0);
    const first = value();
    expect(value()).to.equal(first);
    expect(builds).to.equal(1);
  });

  it('keeps a value that is undefined or falsy too, without building it again', () => {
    let builds = 0;
    const value = builtOnFirstUse(() => (builds++, undefined));
    value();
    value();
    expect(builds).to.equal(1);
  });

  it('the network schema is one object for every caller', () => {
    expect(networkConfigSchema()).to.equal(networkConfigSchema());
  });
});
