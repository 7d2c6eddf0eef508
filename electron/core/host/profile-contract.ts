import { z } from 'zod';
import { ProfileSchema } from '../profile/profile-schema';

// The profile part of the contract: list, edit, import and open connection profiles.

const IssueSchema = z.object({ path: z.string(), message: z.string() });
const WarningSchema = z.object({ path: z.string(), message: z.string() });
const Name = z.string().min(1).max(200);

export const ProfileListSchema = z.object({
  profiles: z.array(ProfileSchema),
  /** Profiles the app brings (the demo cluster): openable, not editable. */
  builtIn: z.array(z.object({ name: z.string(), description: z.string() })),
  lastUsed: z.string().nullable(),
  /** The profile whose cluster is open now. */
  open: z.string().nullable(),
  /** Whether this host can store secrets (a keychain); the web host and CLI cannot. */
  canStoreSecrets: z.boolean(),
  /** Whether this host can show a file dialog (the desktop app); elsewhere paths are typed. */
  canPickFiles: z.boolean(),
  warnings: z.array(WarningSchema),
});

export const ProfileResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), profile: ProfileSchema, warnings: z.array(WarningSchema) }),
  z.object({ ok: z.literal(false), errors: z.array(IssueSchema), warnings: z.array(WarningSchema) }),
]);

export const ProfileDeleteResultSchema = z.object({
  ok: z.boolean(),
  errors: z.array(IssueSchema),
  warnings: z.array(WarningSchema),
});

export const ImportUrlResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), profile: ProfileSchema, warnings: z.array(z.string()) }),
  z.object({
    ok: z.literal(false),
    /** `offset`: where in the URL the mistake is; null when it is not in the URL (a name taken, no store). */
    error: z.object({ message: z.string(), offset: z.number().int().nonnegative().nullable() }),
  }),
]);

export const profileCalls = {
  'profiles.list': { request: z.object({}).strict(), response: ProfileListSchema },
  'profiles.save': {
    request: z
      .object({
        /** Validated by the store, which answers with field paths. */
        profile: z.unknown(),
        replacing: Name.optional(),
        /** A string stores it, null removes it, absent keeps the stored one. */
        password: z.string().max(4096).nullable().optional(),
        keyPassphrase: z.string().max(4096).nullable().optional(),
      })
      .strict(),
    response: ProfileResultSchema,
  },
  'profiles.duplicate': { request: z.object({ name: Name }).strict(), response: ProfileResultSchema },
  'profiles.delete': { request: z.object({ name: Name }).strict(), response: ProfileDeleteResultSchema },
  'profiles.importUrl': {
    request: z
      .object({
        url: z.string().min(1).max(16_384),
        portMap: z.array(z.string().max(300)).max(64).default([]),
        name: z.string().min(1).max(120).optional(),
      })
      .strict(),
    response: ImportUrlResultSchema,
  },
  'profiles.open': {
    request: z.object({ name: Name }).strict(),
    response: z.object({ done: z.boolean(), message: z.string() }),
  },
  'files.pick': {
    request: z.object({ purpose: z.enum(['ca', 'cert', 'key']) }).strict(),
    response: z.object({ path: z.string().nullable(), message: z.string() }),
  },
  'profiles.close': { request: z.object({}).strict(), response: z.object({ done: z.boolean(), message: z.string() }) },
} as const;

export type ProfileList = z.output<typeof ProfileListSchema>;
export type ProfileResult = z.output<typeof ProfileResultSchema>;
