import type { PersonRecord } from '../../../db/schema';
import type { PersonView } from '../../contract/dto';
import { parseIdNumber } from './id-number';

/** A person row with the count of records naming it that the caller may see. */
export type CountedPerson = Pick<PersonRecord, 'id' | 'name' | 'idNumber'> & { n: number };

/** A person as the contract shows it: sex and birth date read from a valid ID number. */
export function toPersonView(p: CountedPerson): PersonView {
  const info = p.idNumber ? parseIdNumber(p.idNumber) : null;
  return {
    id: p.id,
    name: p.name,
    idNumber: p.idNumber,
    sex: info?.ok ? info.info.sex : null,
    birthDate: info?.ok ? info.info.birthDate : null,
    recordCount: p.n,
  };
}
