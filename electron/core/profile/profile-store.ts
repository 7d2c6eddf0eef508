import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { issuesOf, type CallIssue } from '../host/call-result';
import { createAtomicJsonFile, type Change, type StorageWarning } from '../storage/atomic-json-file';
import type { StorageFs } from '../storage/storage-fs';
import {
  copyName,
  EMPTY_PROFILES_FILE,
  MAX_PROFILES,
  PROFILES_FILE_NAME,
  ProfilesFileSchema,
  sameName,
  type ProfilesFile,
} from './profiles-file';
import {
  orphanedRefs,
  planSecrets,
  SECRET_FIELDS,
  secretRefOf,
  withSecretRef,
  type SecretToStore,
} from './profile-secrets';
import { ProfileSchema, type Profile } from './profile-schema';
import type { SecretStore } from './secret-store';

/** A field path ("brokers.0.url", "name", "" for the whole request) and what is wrong there. */
export type ProfileIssue = CallIssue;

export type ProfileResult<T> =
  | { ok: true; value: T; warnings: StorageWarning[] }
  | { ok: false; errors: ProfileIssue[]; warnings: StorageWarning[] };

export interface ProfileList {
  profiles: Profile[];
  lastUsed?: string;
  /** Problems found on disk (a damaged file, a backup in use): show them, they do not block. */
  warnings: StorageWarning[];
}

export interface SaveOptions {
  /** The name of the profile being edited (it may be renamed); absent: a new profile. */
  replacing?: string;
  /** A string stores it as the profile's password, null removes it, absent keeps the current one. */
  password?: string | null;
  /** The same for the TLS key's passphrase. */
  keyPassphrase?: string | null;
}

export interface ProfileStore {
  readonly path: string;
  list(): Promise<ProfileList>;
  get(name: string): Promise<ProfileResult<Profile>>;
  /** Creates or updates one profile (broker order included); secrets go to the SecretStore. */
  save(input: unknown, options?: SaveOptions): Promise<ProfileResult<Profile>>;
  /** A copy with its own copies of the secrets, placed after the original, named "… (copy)". */
  duplicate(name: string, newName?: string): Promise<ProfileResult<Profile>>;
  rename(from: string, to: string): Promise<ProfileResult<Profile>>;
  /** Removes the profile and the secrets only it used. */
  delete(name: string): Promise<ProfileResult<null>>;
  setLastUsed(name: string): Promise<ProfileResult<null>>;
}

export interface ProfileStoreOptions {
  /** The user data folder; the store keeps `profiles.json` (and its backup) there. */
  dir: string;
  secrets: SecretStore;
  clock: () => number;
  newSecretRef?: () => string;
  fs?: StorageFs;
}

/** What a save changed in the secret store, to put back if the file is not written after all. */
interface SecretUndo {
  created: string[];
  /** Secrets that held a value before this save overwrote it. */
  replaced: { ref: string; previous: string }[];
}

const NOTHING_TO_UNDO: SecretUndo = { created: [], replaced: [] };
const UNREADABLE = Symbol('unreadable secret');

type Decision<V> = { issues: ProfileIssue[] } | { next: ProfilesFile; value: V; undo: SecretUndo; orphaned: string[] };

const issue = (path: string, message: string): { issues: ProfileIssue[] } => ({ issues: [{ path, message }] });

export function createProfileStore(options: ProfileStoreOptions): ProfileStore {
  const { secrets } = options;
  const newSecretRef = options.newSecretRef ?? (() => `secret-${randomUUID()}`);
  const file = createAtomicJsonFile({
    path: join(options.dir, PROFILES_FILE_NAME),
    schema: ProfilesFileSchema,
    fallback: () => EMPTY_PROFILES_FILE,
    clock: options.clock,
    ...(options.fs ? { fs: options.fs } : {}),
  });

  const indexOf = (current: ProfilesFile, name: string): number =>
    current.profiles.findIndex((profile) => profile.name === name);
  const missing = (name: string) => issue('', `there is no profile named "${name}"`);
  const clashes = (current: ProfilesFile, name: string, except: number): { issues: ProfileIssue[] } | undefined => {
    const other = current.profiles.find((profile, index) => index !== except && sameName(profile.name, name));
    return other ? issue('name', `a profile named "${other.name}" already exists`) : undefined;
  };
  const full = () => issue('', `there are ${MAX_PROFILES} profiles already; delete one first`);

  /** Deletes secrets nobody refers to; a failure is a warning (a leftover), never a lost profile. */
  async function forget(refs: readonly string[]): Promise<StorageWarning[]> {
    const warnings: StorageWarning[] = [];
    for (const ref of refs) {
      await secrets.delete(ref).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        warnings.push({ path: `secret ${ref}`, message: `The unused secret "${ref}" could not be deleted: ${reason}` });
      });
    }
    return warnings;
  }

  /** Puts the secret store back as it was before a save whose file was not written. */
  async function undoSecrets(undo: SecretUndo): Promise<StorageWarning[]> {
    const warnings = await forget(undo.created);
    for (const { ref, previous } of undo.replaced) {
      await secrets.set(ref, previous).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        warnings.push({
          path: `secret ${ref}`,
          message: `The previous value of "${ref}" could not be put back: ${reason}`,
        });
      });
    }
    return warnings;
  }

  /** Stores each value; on the first failure puts back what it changed and says which field failed. */
  async function storeSecrets(
    values: readonly SecretToStore[],
  ): Promise<{ undo: SecretUndo } | { issues: ProfileIssue[] }> {
    const undo: SecretUndo = { created: [], replaced: [] };
    for (const { field, ref, value, isNew } of values) {
      // A stored value that cannot be read (say, no longer decryptable) is not worth putting back.
      const previous = isNew ? undefined : await secrets.get(ref).catch((): typeof UNREADABLE => UNREADABLE);
      try {
        await secrets.set(ref, value);
      } catch (error) {
        await undoSecrets(undo);
        return issue(field, error instanceof Error ? error.message : String(error));
      }
      if (previous === undefined) undo.created.push(ref);
      else if (previous !== UNREADABLE) undo.replaced.push({ ref, previous });
    }
    return { undo };
  }

  async function mutate<V>(decide: (current: ProfilesFile) => Promise<Decision<V>>): Promise<ProfileResult<V>> {
    let undo = NOTHING_TO_UNDO;
    const updated = await file.update(async (current): Promise<Change<ProfilesFile, Decision<V>>> => {
      const decided = await decide(current);
      if ('issues' in decided) return { result: decided };
      undo = decided.undo;
      return { next: decided.next, result: decided };
    });
    if (!updated.ok) {
      // The file was not written: new secrets would be orphans, and replaced ones must still
      // match the profile on disk.
      const warnings = [...updated.warnings, ...(await undoSecrets(undo))];
      return { ok: false, errors: [{ path: '', message: updated.error }], warnings };
    }
    const decided = updated.result;
    if ('issues' in decided) return { ok: false, errors: decided.issues, warnings: updated.warnings };
    return { ok: true, value: decided.value, warnings: [...updated.warnings, ...(await forget(decided.orphaned))] };
  }

  return {
    path: file.path,

    async list() {
      const read = await file.read();
      const { profiles, lastUsed } = read.value;
      const known = lastUsed !== undefined && profiles.some((profile) => profile.name === lastUsed);
      return known ? { profiles, lastUsed, warnings: read.warnings } : { profiles, warnings: read.warnings };
    },

    async get(name) {
      const read = await file.read();
      const profile = read.value.profiles.find((candidate) => candidate.name === name);
      return profile
        ? { ok: true, value: profile, warnings: read.warnings }
        : { ok: false, errors: missing(name).issues, warnings: read.warnings };
    },

    save(input, saveOptions = {}) {
      const parsed = ProfileSchema.safeParse(input);
      if (!parsed.success) return Promise.resolve({ ok: false, errors: issuesOf(parsed.error), warnings: [] });
      return mutate(async (current) => {
        const { replacing } = saveOptions;
        const index = replacing === undefined ? -1 : indexOf(current, replacing);
        if (replacing !== undefined && index < 0) return missing(replacing);
        const clash = clashes(current, parsed.data.name, index);
        if (clash) return clash;
        if (index < 0 && current.profiles.length >= MAX_PROFILES) return full();
        const old = current.profiles[index];

        const planned = planSecrets(parsed.data, old, saveOptions, newSecretRef);
        const checked = ProfileSchema.safeParse(planned.profile);
        if (!checked.success) return { issues: issuesOf(checked.error) };
        const stored = await storeSecrets(planned.toStore);
        if ('issues' in stored) return stored;

        const profiles = [...current.profiles];
        if (index < 0) profiles.push(checked.data);
        else profiles[index] = checked.data;
        const lastUsed = old && current.lastUsed === old.name ? checked.data.name : current.lastUsed;
        return {
          next: { ...current, profiles, ...(lastUsed === undefined ? {} : { lastUsed }) },
          value: checked.data,
          undo: stored.undo,
          orphaned: orphanedRefs(old, profiles),
        };
      });
    },

    duplicate(name, newName) {
      return mutate(async (current) => {
        const index = indexOf(current, name);
        const source = current.profiles[index];
        if (!source) return missing(name);
        const targetName = newName ?? copyName(source.name, current.profiles);
        const clash = clashes(current, targetName, -1);
        if (clash) return clash;
        if (current.profiles.length >= MAX_PROFILES) return full();

        let copy: Profile = { ...source, name: targetName };
        const toStore: SecretToStore[] = [];
        for (const field of SECRET_FIELDS) {
          const ref = secretRefOf(source, field);
          if (ref === undefined) continue;
          let value: string | undefined;
          try {
            value = await secrets.get(ref);
          } catch (error) {
            return issue(field, error instanceof Error ? error.message : String(error));
          }
          const copyRef = value === undefined ? undefined : newSecretRef();
          if (copyRef !== undefined && value !== undefined) toStore.push({ field, ref: copyRef, value, isNew: true });
          copy = withSecretRef(copy, field, copyRef);
        }
        const checked = ProfileSchema.safeParse(copy);
        if (!checked.success) return { issues: issuesOf(checked.error) };
        const stored = await storeSecrets(toStore);
        if ('issues' in stored) return stored;
        const profiles = [...current.profiles];
        profiles.splice(index + 1, 0, checked.data);
        return { next: { ...current, profiles }, value: checked.data, undo: stored.undo, orphaned: [] };
      });
    },

    rename(from, to) {
      return mutate(async (current) => {
        const index = indexOf(current, from);
        const source = current.profiles[index];
        if (!source) return missing(from);
        const checked = ProfileSchema.safeParse({ ...source, name: to });
        if (!checked.success) return { issues: issuesOf(checked.error) };
        const clash = clashes(current, to, index);
        if (clash) return clash;
        const profiles = current.profiles.map((profile, i) => (i === index ? checked.data : profile));
        const lastUsed = current.lastUsed === from ? to : current.lastUsed;
        return {
          next: { ...current, profiles, ...(lastUsed === undefined ? {} : { lastUsed }) },
          value: checked.data,
          undo: NOTHING_TO_UNDO,
          orphaned: [],
        };
      });
    },

    delete(name) {
      return mutate(async (current) => {
        const index = indexOf(current, name);
        const old = current.profiles[index];
        if (!old) return missing(name);
        const profiles = current.profiles.filter((_, i) => i !== index);
        const { lastUsed, ...rest } = current;
        const next = lastUsed === name ? { ...rest, profiles } : { ...current, profiles };
        return { next, value: null, undo: NOTHING_TO_UNDO, orphaned: orphanedRefs(old, profiles) };
      });
    },

    setLastUsed(name) {
      return mutate(async (current) => {
        if (indexOf(current, name) < 0) return missing(name);
        return { next: { ...current, lastUsed: name }, value: null, undo: NOTHING_TO_UNDO, orphaned: [] };
      });
    },
  };
}
