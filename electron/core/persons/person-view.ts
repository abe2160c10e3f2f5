import type { PersonView } from '../../contract/dto';
import { parseIdNumber } from './id-number';

/** A person row with the count of records naming it that the caller may see. */
export interface PersonRecord {
  id: string;
  name: string;
  id_number: string | null;
  n: number;
}

/** A person as the contract shows it: sex and birth date read from a valid ID number. */
export function toPersonView(p: PersonRecord): PersonView {
  const info = p.id_number ? parseIdNumber(p.id_number) : null;
  return {
    id: p.id,
    name: p.name,
    idNumber: p.id_number,
    sex: info?.ok ? info.info.sex : null,
    birthDate: info?.ok ? info.info.birthDate : null,
    recordCount: p.n,
  };
}
