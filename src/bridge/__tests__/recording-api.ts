/** Test double of the bridge's extension API: records what the bridge sends, reads no settings. */
import type { ToBackground } from '../../protocol/messages';
import type { BridgeApi } from '../ext';

/** An API whose sendMessage hands each message to `record` (tests may swap their arrays). */
export function recordingApi(record: (message: ToBackground) => void): BridgeApi {
  return {
    sendMessage: async (m) => {
      record(m as ToBackground);
      return undefined;
    },
    onMessage: () => undefined,
    getLocal: async () => ({}),
  };
}
