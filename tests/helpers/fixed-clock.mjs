// Preloaded into `dangan` child processes by tests (`node --import this-file`): `new Date()`,
// `Date()` and `Date.now()` give DANGAN_TEST_NOW (an ISO time). A bureau receipt carries its
// import time, so two imports of the same bundle (one killed and re-run, one uninterrupted)
// only give byte-identical receipts when both run at the same instant. Dates built from an
// argument are left alone; timers do not use Date.
const fixed = Date.parse(process.env.DANGAN_TEST_NOW ?? '');
if (Number.isFinite(fixed)) {
  const RealDate = Date;
  function FixedDate(...args) {
    if (!new.target) return new RealDate(fixed).toString();
    return Reflect.construct(RealDate, args.length ? args : [fixed], new.target);
  }
  FixedDate.prototype = RealDate.prototype;
  FixedDate.parse = RealDate.parse;
  FixedDate.UTC = RealDate.UTC;
  FixedDate.now = () => fixed;
  globalThis.Date = FixedDate;
}
