import { execFileSync } from 'node:child_process';

// The e2e suite tests what ships: build it first, exactly as `npm run build` does.
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
}
