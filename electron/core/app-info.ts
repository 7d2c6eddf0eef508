import { version } from '../../package.json';
import type { AppInfo } from './host/contract';

export const APP_INFO: AppInfo = { name: 'Traffic Manager Console', version };
