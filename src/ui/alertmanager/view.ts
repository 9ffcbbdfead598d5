// What the Alertmanager page reads and drives.

import type { Alertmanager } from '../../alertmanager/alertmanager.ts';

export type AlertmanagerView = Pick<
  Alertmanager,
  | 'applyConfig' | 'configText' | 'lastReload' | 'alerts' | 'groups' | 'inbox' | 'notifyErrors' | 'silences' | 'addSilence'
  | 'expireSilence' | 'receivers' | 'subscribe'
>;
