// On the unauthorized screen of an assistant device: its pairing is gone, so say who can fix it and how.
import { wasPairedAsAssistant } from '../../api/token.ts';
import { useT } from '../../i18n/index.ts';
import { useConnection } from '../../stores/connection.ts';

export function AssistantRefusedHint() {
  const { t } = useT();
  const role = useConnection((s) => s.hello?.role);
  if (role !== 'assistant' && !wasPairedAsAssistant()) return null;
  return <p data-testid="assistant-refused">{t('access.askHost')}</p>;
}
