// Keeps "3 hours ago" honest when a built page is read later than it was
// built: rewrites each <time data-relative> from its datetime attribute.
const ago = (ms) => {
  const h = Math.max(0, ms / 3.6e6);
  if (h < 1) {
    const m = Math.max(1, Math.round(h * 60));
    return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  }
  if (h < 24) return Math.floor(h) === 1 ? '1 hour ago' : `${Math.floor(h)} hours ago`;
  const d = Math.floor(h / 24);
  if (d < 7) return d === 1 ? 'Yesterday' : `${d} days ago`;
  if (d < 35) return Math.floor(d / 7) === 1 ? '1 week ago' : `${Math.floor(d / 7)} weeks ago`;
  const mo = Math.floor(d / 30);
  return mo <= 1 ? '1 month ago' : `${mo} months ago`;
};

for (const el of document.querySelectorAll('time[data-relative]')) {
  const t = Date.parse(el.getAttribute('datetime') ?? '');
  if (Number.isFinite(t)) el.textContent = ago(Date.now() - t);
}
