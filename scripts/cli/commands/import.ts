import { CliError } from '../io';

export async function importCommand(_args: string[]): Promise<number> {
  throw new CliError('尚未完成');
}
