/** The env.* methods of the contract: the archive-room log. */
import { actorOf, type Handlers, sessionOf } from '../kernel';
import { closeFinding, createCheck, listChecks } from './checks';
import { importReadings } from './import';
import { addReading, listReadings, setReadingAction } from './readings';
import { listRooms, saveRoom } from './rooms';

export const roomHandlers = {
  'env.rooms.list': ({ ctx }) => listRooms(ctx),
  'env.rooms.save': (env, input) => saveRoom(env.ctx, actorOf(sessionOf(env)), input),
  'env.readings.add': (env, input) => {
    const s = sessionOf(env);
    return addReading(env.ctx, actorOf(s), s.displayName, input);
  },
  'env.readings.list': ({ ctx }, input) => listReadings(ctx, input),
  'env.readings.import': (env, input) => {
    const s = sessionOf(env);
    return importReadings(env.ctx, actorOf(s), s.displayName, input);
  },
  'env.readings.setAction': (env, input) => setReadingAction(env.ctx, actorOf(sessionOf(env)), input),
  'env.checks.create': (env, input) => {
    const s = sessionOf(env);
    return createCheck(env.ctx, actorOf(s), s.displayName, input);
  },
  'env.checks.list': ({ ctx }, input) => listChecks(ctx, input),
  'env.findings.close': (env, input) => {
    const s = sessionOf(env);
    return closeFinding(env.ctx, actorOf(s), s.displayName, input);
  },
} satisfies Partial<Handlers>;
