export * from './system';
export * from './users';
export * from './scheme';
export * from './catalogue';
export * from './audit';
export * from './search';
export * from './scan';
export * from './sync';
