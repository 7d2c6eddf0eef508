import type { Profile } from './profile-schema';

/** The secrets a profile can refer to, and where each reference sits in it. */
export const SECRET_FIELDS = ['password', 'keyPassphrase'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export function secretRefOf(profile: Profile, field: SecretField): string | undefined {
  return field === 'password' ? profile.passwordRef : profile.tls.keyPassphraseRef;
}

export function withSecretRef(profile: Profile, field: SecretField, ref: string | undefined): Profile {
  if (field === 'password') {
    const { passwordRef: _, ...rest } = profile;
    return ref === undefined ? rest : { ...rest, passwordRef: ref };
  }
  const { keyPassphraseRef: _, ...tls } = profile.tls;
  return { ...profile, tls: ref === undefined ? tls : { ...tls, keyPassphraseRef: ref } };
}

export function secretRefsOf(profile: Profile): string[] {
  return SECRET_FIELDS.map((field) => secretRefOf(profile, field)).filter((ref) => ref !== undefined);
}

/** References `old` held that none of `profiles` holds any more: their secrets can go. */
export function orphanedRefs(old: Profile | undefined, profiles: readonly Profile[]): string[] {
  if (!old) return [];
  const inUse = new Set(profiles.flatMap(secretRefsOf));
  return secretRefsOf(old).filter((ref) => !inUse.has(ref));
}

export interface SecretToStore {
  field: SecretField;
  ref: string;
  value: string;
  /** The reference was made for this value, so it goes again if the profile is not saved. */
  isNew: boolean;
}

/**
 * Points `profile` at the secrets it should have after a save: a new value keeps the current
 * reference (or gets a new one), null drops it, absent keeps the reference of the input or of
 * the version being replaced, so an editor never needs to carry references around.
 */
export function planSecrets(
  profile: Profile,
  old: Profile | undefined,
  values: Partial<Record<SecretField, string | null>>,
  newRef: () => string,
): { profile: Profile; toStore: SecretToStore[] } {
  let planned = profile;
  const toStore: SecretToStore[] = [];
  for (const field of SECRET_FIELDS) {
    const value = values[field];
    const existing = secretRefOf(profile, field) ?? (old && secretRefOf(old, field));
    if (value === null) {
      planned = withSecretRef(planned, field, undefined);
    } else if (value === undefined) {
      planned = withSecretRef(planned, field, existing);
    } else {
      const ref = existing ?? newRef();
      toStore.push({ field, ref, value, isNew: existing === undefined });
      planned = withSecretRef(planned, field, ref);
    }
  }
  return { profile: planned, toStore };
}
