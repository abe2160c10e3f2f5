import { CliError } from '../io';

export async function demoCommand(_args: string[]): Promise<number> {
  throw new CliError('尚未完成');
}
