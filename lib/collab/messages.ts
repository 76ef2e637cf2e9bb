/**
 * Reads one Hocuspocus protocol message far enough to decide what it is, before Hocuspocus
 * touches it: its document name, its type and, for document changes, the Yjs update it carries.
 * Anything that does not decode completely is malformed.
 */
import * as decoding from "lib0/decoding";

/** Hocuspocus's message types (its MessageType enum), as they travel on the wire. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
} as const;

/** y-protocols' sync message subtypes. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type ReadMessage =
  | { kind: "change"; documentName: string; update: Uint8Array }
  | { kind: "other"; documentName: string; type: number }
  | { kind: "refused"; documentName: string; type: number }
  | { kind: "malformed" };

export function readMessage(data: Uint8Array): ReadMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const documentName = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
      case MESSAGE.syncReply: {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP_1) {
          decoding.readVarUint8Array(decoder);
          return complete(decoder, { kind: "other", documentName, type });
        }
        if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(decoder);
          return complete(decoder, { kind: "change", documentName, update });
        }
        return { kind: "malformed" };
      }
      case MESSAGE.awareness:
        decoding.readVarUint8Array(decoder);
        return complete(decoder, { kind: "other", documentName, type });
      case MESSAGE.auth:
      case MESSAGE.queryAwareness:
      case MESSAGE.close:
        return { kind: "other", documentName, type };
      case MESSAGE.stateless:
      case MESSAGE.broadcastStateless:
        // A channel from one client to every other one that nothing in Dateline uses.
        return { kind: "refused", documentName, type };
      default:
        return { kind: "malformed" };
    }
  } catch {
    return { kind: "malformed" };
  }
}

function complete<T extends ReadMessage>(decoder: decoding.Decoder, result: T): T | { kind: "malformed" } {
  return decoding.hasContent(decoder) ? { kind: "malformed" } : result;
}
