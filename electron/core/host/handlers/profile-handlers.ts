import type { ClusterSession, OpenedProfile } from '../../cluster-session';
import { secretVariable } from '../../profile/secret-variable';
import { importFailoverUrl } from '../../profile/failover-url-import';
import { parsePortMap } from '../../profile/port-map';
import type { ProfileStore } from '../../profile/profile-store';
import type { CallHandlers, CommandOutcome } from '../contract';

/** A profile the app brings (the demo cluster): listed and openable, never stored or edited. */
export interface BuiltInProfile {
  name: string;
  description: string;
  open(): Promise<OpenedProfile>;
}

export interface ProfileHandlerDeps {
  session: ClusterSession;
  /** Absent on hosts that keep no profiles. */
  store: ProfileStore | undefined;
  builtIns: readonly BuiltInProfile[];
  canStoreSecrets: boolean;
  /** A native file dialog, where the host has one; returns null when the operator cancels. */
  pickFile: ((purpose: FilePurpose) => Promise<string | null>) | undefined;
}

export type FilePurpose = 'ca' | 'cert' | 'key';

type ProfileCalls = Pick<
  CallHandlers,
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.duplicate'
  | 'profiles.delete'
  | 'profiles.importUrl'
  | 'profiles.open'
  | 'profiles.close'
  | 'files.pick'
>;

const NO_STORE = [{ path: '', message: 'this host keeps no profiles' }];

export function profileHandlers(deps: ProfileHandlerDeps): ProfileCalls {
  const { session, store } = deps;

  async function open(name: string): Promise<CommandOutcome> {
    const builtIn = deps.builtIns.find((b) => b.name === name);
    if (builtIn) return session.open(await builtIn.open());
    if (!store) return { done: false, message: `There is no profile named "${name}".` };
    const found = await store.get(name);
    if (!found.ok) return { done: false, message: found.errors.map((e) => e.message).join('; ') };
    const outcome = await session.open({ profile: found.value });
    if (outcome.done) await store.setLastUsed(name);
    return outcome;
  }

  return {
    async 'profiles.list'() {
      const listed = store ? await store.list() : { profiles: [], warnings: [] };
      return {
        profiles: listed.profiles,
        builtIn: deps.builtIns.map(({ name, description }) => ({ name, description })),
        lastUsed: ('lastUsed' in listed ? listed.lastUsed : undefined) ?? null,
        open: session.openName(),
        canStoreSecrets: deps.canStoreSecrets,
        canPickFiles: deps.pickFile !== undefined,
        warnings: listed.warnings,
      };
    },
    async 'profiles.save'({ profile, replacing, password, keyPassphrase }) {
      if (!store) return { ok: false, errors: NO_STORE, warnings: [] };
      if (deps.builtIns.some((b) => b.name === replacing)) {
        return {
          ok: false,
          errors: [{ path: '', message: `"${replacing}" is built in: duplicate it to change it` }],
          warnings: [],
        };
      }
      const result = await store.save(profile, {
        ...(replacing !== undefined ? { replacing } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(keyPassphrase !== undefined ? { keyPassphrase } : {}),
      });
      return result.ok ? { ok: true, profile: result.value, warnings: result.warnings } : result;
    },
    async 'profiles.duplicate'({ name }) {
      if (!store) return { ok: false, errors: NO_STORE, warnings: [] };
      const result = await store.duplicate(name);
      return result.ok ? { ok: true, profile: result.value, warnings: result.warnings } : result;
    },
    async 'profiles.delete'({ name }) {
      if (!store) return { ok: false, errors: NO_STORE, warnings: [] };
      if (session.openName() === name) await session.close();
      const result = await store.delete(name);
      return result.ok ? { ok: true, errors: [], warnings: result.warnings } : result;
    },
    async 'profiles.importUrl'({ url, portMap, name }) {
      const map = parsePortMap(portMap);
      if (!map.ok) return { ok: false, error: { message: map.error, offset: null } };
      const imported = importFailoverUrl(url, { portMap: map.map, ...(name !== undefined ? { name } : {}) });
      if (!imported.ok) return imported;
      if (!store) return { ok: false, error: { message: 'this host keeps no profiles', offset: null } };
      // Without a keychain the password cannot be kept: the profile is still imported, and says
      // where its password will come from, rather than the whole import failing on it.
      const keepPassword = imported.password !== undefined && deps.canStoreSecrets;
      const profile =
        imported.password !== undefined && !keepPassword
          ? { ...imported.profile, passwordRef: readableRef(imported.profile.name) }
          : imported.profile;
      const saved = await store.save(profile, keepPassword ? { password: imported.password } : {});
      if (!saved.ok)
        return {
          ok: false,
          error: { message: saved.errors.map((e) => `${e.path || 'profile'}: ${e.message}`).join('; '), offset: null },
        };
      const ref = saved.value.passwordRef;
      const unkept =
        imported.password !== undefined && !keepPassword && ref !== undefined
          ? [
              `The password in the URL was not stored: this host has no keychain. ` +
                `Set ${secretVariable(ref)} in its environment before opening "${saved.value.name}".`,
            ]
          : [];
      return { ok: true, profile: saved.value, warnings: [...imported.warnings, ...unkept] };
    },
    'profiles.open': ({ name }) => open(name),
    async 'files.pick'({ purpose }) {
      if (!deps.pickFile) return { path: null, message: 'This host has no file dialog: type the path instead.' };
      const path = await deps.pickFile(purpose);
      return { path, message: path === null ? 'No file chosen.' : `Chose ${path}.` };
    },
    async 'profiles.close'() {
      const name = session.openName();
      await session.close();
      return { done: true, message: name ? `Disconnected from "${name}".` : 'No profile was open.' };
    },
  };
}

/** A reference an operator can type as an environment variable: "Lab TMs" → TMC_SECRET_LAB_TMS_PASSWORD. */
function readableRef(profileName: string): string {
  const slug = profileName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 200);
  return `${slug || 'imported'}-password`;
}
