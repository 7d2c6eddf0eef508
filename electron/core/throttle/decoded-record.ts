import type { BlockFields, DecisionFields, DecodedRecord, KeyTemplateFields } from './change-records';
import { ConditionCache } from './evaluated-conditions';
import { classifyThrottleKey } from './key-classifier';
import { compileKeyTemplate, type KeyTemplateMatcher } from './key-template';
import type { BlockMessage, DecisionMessage, KeyInfo, KeyTemplateMessage, ThrottleCondition } from './message-types';
import type { DecodeResult } from './message-decoder';

function decisionFields(
  message: DecisionMessage,
  info: KeyInfo,
  conditions: readonly ThrottleCondition[],
): DecisionFields {
  return {
    type: 'decision',
    key: message.key,
    level: info.level,
    parts: info.parts,
    isThrottled: message.isThrottled,
    expiryTimeStamp: message.expiryTimeStamp,
    conditions,
  };
}

export function blockFields(message: BlockMessage): BlockFields {
  return {
    type: 'block',
    conditionType: message.conditionType,
    conditionValue: message.conditionValue,
    value: message.value,
    active: message.active,
    id: message.id,
    tenantDomain: message.tenantDomain,
  };
}

export function keyTemplateFields(message: KeyTemplateMessage): KeyTemplateFields {
  return { type: 'keyTemplate', template: message.template, active: message.active };
}

const MAX_TEMPLATES = 1_000;

/**
 * Turns decode results into the records `tmc decode` prints, one per payload, fully decoded
 * (key level and parts, readable conditions). Key templates seen earlier in the stream shape the
 * parts of later custom keys, as they would in the console.
 */
export class DecodedRecordBuilder {
  private readonly conditionCache = new ConditionCache();
  private readonly templates = new Map<string, KeyTemplateMatcher>();
  private matchers: KeyTemplateMatcher[] = [];

  build(result: DecodeResult): DecodedRecord {
    if (!result.ok) return { type: 'rejected', code: result.code, reason: result.reason };
    const message = result.message;
    switch (message.type) {
      case 'decision': {
        const info = classifyThrottleKey(message.key, this.matchers);
        const raw = message.evaluatedConditions;
        return decisionFields(message, info, raw === undefined ? [] : this.conditionCache.get(raw));
      }
      case 'block':
        return blockFields(message);
      case 'keyTemplate':
        if (message.active && this.templates.size < MAX_TEMPLATES) {
          this.templates.set(message.template, compileKeyTemplate(message.template));
        } else if (!message.active) {
          this.templates.delete(message.template);
        }
        this.matchers = [...this.templates.values()];
        return keyTemplateFields(message);
    }
  }
}
