const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Time left as a steadily ticking countdown: "0:12", "4:05", "1:02:09". Never negative: a window
 * that ended reads "0:00".
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
