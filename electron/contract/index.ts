export * from './errors';
export * from './domain';
export * from './dto';
export * from './events';
export * from './methods';
export * from './permissions';
export * from './search';
export * as schemas from './schemas';
