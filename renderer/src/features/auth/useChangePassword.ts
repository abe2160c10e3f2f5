import { useState } from 'react';
import { call } from '../../api/client';
import { usePasswordPair } from '../../components/PasswordPair';
import { useFormErrors } from '../../lib/useFormErrors';
import { toast } from '../../stores/toasts';

/**
 * The user's own password change (the dialog and the forced first-login screen): the old
 * password, the new pair, and a submit that checks the pair agrees before asking the core.
 */
export function useChangePassword({
  initialOld = '',
  doneMessage,
  onDone,
}: {
  initialOld?: string;
  doneMessage: string;
  onDone: () => void;
}) {
  const [oldPassword, setOld] = useState(initialOld);
  const { errors, setErrors, formError, clear, fail } = useFormErrors();
  const pair = usePasswordPair(setErrors);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    clear();
    if (!pair.matches()) return;
    setBusy(true);
    try {
      await call('auth.changePassword', { oldPassword, newPassword: pair.value });
      toast.success(doneMessage);
      onDone();
    } catch (err) {
      fail(err);
      setBusy(false);
    }
  };

  return { oldPassword, setOld, pairInputs: pair.inputs, errors, formError, busy, submit };
}
