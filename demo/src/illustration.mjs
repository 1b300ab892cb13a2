// Editorial illustrations for the sample site, drawn as SVG from an article's
// imageHue, imageMotif and id. Deterministic (same input, same bytes) so the
// build is reproducible; no text and no external references, so the images
// need no alt-text translation and cause no network requests.

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 675;

const W = IMAGE_WIDTH;
const H = IMAGE_HEIGHT;

/** 32-bit FNV-1a: a stable seed from the article id. */
export function hashString(value) {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for art. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r1 = (n) => Math.round(n * 10) / 10;
const hsl = (h, s, l, a = 1) =>
  a === 1 ? `hsl(${Math.round(((h % 360) + 360) % 360)} ${s}% ${l}%)` : `hsl(${Math.round(((h % 360) + 360) % 360)} ${s}% ${l}% / ${a})`;

function palette(hue) {
  return {
    deep: hsl(hue, 42, 16),
    dark: hsl(hue, 40, 26),
    mid: hsl(hue + 18, 48, 42),
    light: hsl(hue + 8, 55, 78),
    pale: hsl(hue, 60, 92),
    accent: hsl(hue + 160, 72, 62),
    // Always a gold-to-orange, whatever the base hue: suns, lamps, trophies.
    warm: hsl(28 + (hue % 24), 86, 62),
    line: hsl(hue, 50, 88, 0.55),
    faint: hsl(hue, 50, 90, 0.16),
  };
}

// ---------------------------------------------------------------------------
// Motifs. Each returns SVG markup drawn over the gradient background.

const motifs = {
  globe(rnd, p) {
    const cx = W * (0.55 + rnd() * 0.15);
    const cy = H * 0.52;
    const r = H * 0.36;
    let s = `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r)}" fill="${p.dark}" stroke="${p.line}" stroke-width="3"/>`;
    for (let i = 1; i < 4; i++) {
      const rx = r * (i / 4);
      s += `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(rx)}" ry="${r1(r)}" fill="none" stroke="${p.line}" stroke-width="2"/>`;
    }
    for (let i = -2; i <= 2; i++) {
      const y = cy + (i * r) / 3;
      const half = Math.sqrt(Math.max(0, r * r - (y - cy) ** 2));
      s += `<line x1="${r1(cx - half)}" y1="${r1(y)}" x2="${r1(cx + half)}" y2="${r1(y)}" stroke="${p.line}" stroke-width="2"/>`;
    }
    // A flight path arcing over the globe.
    const a = cx - r * 1.4;
    s += `<path d="M${r1(a)} ${r1(cy + r * 0.6)} Q ${r1(cx)} ${r1(cy - r * 1.5)} ${r1(cx + r * 1.3)} ${r1(cy - r * 0.1)}" fill="none" stroke="${p.accent}" stroke-width="4" stroke-dasharray="14 12"/>`;
    s += `<circle cx="${r1(cx + r * 1.3)}" cy="${r1(cy - r * 0.1)}" r="10" fill="${p.accent}"/>`;
    return s;
  },

  chart(rnd, p) {
    const n = 9;
    const bw = W / (n * 2.1);
    let s = '';
    let level = 0.35 + rnd() * 0.2;
    const points = [];
    for (let i = 0; i < n; i++) {
      level = Math.min(0.85, Math.max(0.15, level + (rnd() - 0.42) * 0.18));
      const x = W * 0.12 + i * bw * 1.8;
      const h = H * level * 0.8;
      s += `<rect x="${r1(x)}" y="${r1(H * 0.86 - h)}" width="${r1(bw)}" height="${r1(h)}" rx="4" fill="${i === n - 1 ? p.accent : p.light}" opacity="${i === n - 1 ? 1 : 0.35 + i * 0.05}"/>`;
      points.push(`${r1(x + bw / 2)},${r1(H * 0.86 - h - 36)}`);
    }
    s += `<polyline points="${points.join(' ')}" fill="none" stroke="${p.pale}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"/>`;
    s += `<line x1="${r1(W * 0.08)}" y1="${r1(H * 0.86)}" x2="${r1(W * 0.92)}" y2="${r1(H * 0.86)}" stroke="${p.line}" stroke-width="3"/>`;
    return s;
  },

  columns(rnd, p) {
    // A civic building: pediment, columns, steps.
    const cx = W * (0.45 + rnd() * 0.1);
    const bw = W * 0.46;
    const x0 = cx - bw / 2;
    const top = H * 0.3;
    const base = H * 0.78;
    let s = `<path d="M${r1(x0 - 20)} ${r1(top)} L${r1(cx)} ${r1(top - H * 0.14)} L${r1(x0 + bw + 20)} ${r1(top)} Z" fill="${p.light}" opacity="0.9"/>`;
    s += `<rect x="${r1(x0 - 10)}" y="${r1(top)}" width="${r1(bw + 20)}" height="18" fill="${p.pale}"/>`;
    const n = 6;
    for (let i = 0; i < n; i++) {
      const x = x0 + 14 + (i * (bw - 28 - 30)) / (n - 1);
      s += `<rect x="${r1(x)}" y="${r1(top + 26)}" width="30" height="${r1(base - top - 34)}" fill="${p.light}" opacity="0.8"/>`;
    }
    for (let i = 0; i < 3; i++) {
      s += `<rect x="${r1(x0 - 30 - i * 24)}" y="${r1(base + i * 16)}" width="${r1(bw + 60 + i * 48)}" height="14" fill="${p.pale}" opacity="${0.85 - i * 0.2}"/>`;
    }
    s += `<circle cx="${r1(W * 0.84)}" cy="${r1(H * 0.22)}" r="46" fill="${p.warm}" opacity="0.85"/>`;
    return s;
  },

  ballot(rnd, p) {
    const cx = W * 0.5;
    let s = `<rect x="${r1(cx - 190)}" y="${r1(H * 0.45)}" width="380" height="240" rx="14" fill="${p.light}" opacity="0.92"/>`;
    s += `<rect x="${r1(cx - 110)}" y="${r1(H * 0.45 + 24)}" width="220" height="14" rx="7" fill="${p.deep}"/>`;
    const tilt = -8 + rnd() * 16;
    s += `<g transform="rotate(${r1(tilt)} ${r1(cx)} ${r1(H * 0.3)})"><rect x="${r1(cx - 80)}" y="${r1(H * 0.12)}" width="160" height="210" rx="6" fill="${p.pale}"/>`;
    for (let i = 0; i < 4; i++) {
      const y = H * 0.12 + 36 + i * 42;
      s += `<rect x="${r1(cx - 56)}" y="${r1(y)}" width="22" height="22" rx="3" fill="none" stroke="${p.dark}" stroke-width="3"/>`;
      s += `<rect x="${r1(cx - 22)}" y="${r1(y + 7)}" width="${r1(60 + rnd() * 20)}" height="8" rx="4" fill="${p.mid}" opacity="0.5"/>`;
    }
    const mark = Math.floor(rnd() * 4);
    const my = H * 0.12 + 36 + mark * 42;
    s += `<path d="M${r1(cx - 52)} ${r1(my + 11)} l8 8 l14 -18" fill="none" stroke="${p.accent}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g>`;
    return s;
  },

  network(rnd, p) {
    const nodes = [];
    for (let i = 0; i < 16; i++) nodes.push([W * (0.1 + rnd() * 0.8), H * (0.12 + rnd() * 0.76), 5 + rnd() * 12]);
    let s = '';
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const d = Math.hypot(nodes[i][0] - nodes[j][0], nodes[i][1] - nodes[j][1]);
        if (d < W * 0.22) s += `<line x1="${r1(nodes[i][0])}" y1="${r1(nodes[i][1])}" x2="${r1(nodes[j][0])}" y2="${r1(nodes[j][1])}" stroke="${p.line}" stroke-width="2"/>`;
      }
    }
    nodes.forEach(([x, y, r], i) => {
      s += `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" fill="${i % 5 === 0 ? p.accent : p.pale}"/>`;
    });
    return s;
  },

  circuit(rnd, p) {
    const cx = W * 0.5;
    const cy = H * 0.5;
    const size = H * 0.34;
    let s = '';
    for (let side = 0; side < 4; side++) {
      for (let i = 0; i < 6; i++) {
        const off = -size / 2 + (i + 0.5) * (size / 6);
        const len = 80 + rnd() * 220;
        const bend = (rnd() - 0.5) * 120;
        let d;
        let end;
        if (side === 0) { d = `M${r1(cx + off)} ${r1(cy - size / 2)} v-40 l${r1(bend)} -40 v-${r1(len / 3)}`; end = [cx + off + bend, cy - size / 2 - 80 - len / 3]; }
        else if (side === 1) { d = `M${r1(cx + off)} ${r1(cy + size / 2)} v40 l${r1(bend)} 40 v${r1(len / 3)}`; end = [cx + off + bend, cy + size / 2 + 80 + len / 3]; }
        else if (side === 2) { d = `M${r1(cx - size / 2)} ${r1(cy + off)} h-40 l-40 ${r1(bend / 2)} h-${r1(len)}`; end = [cx - size / 2 - 80 - len, cy + off + bend / 2]; }
        else { d = `M${r1(cx + size / 2)} ${r1(cy + off)} h40 l40 ${r1(bend / 2)} h${r1(len)}`; end = [cx + size / 2 + 80 + len, cy + off + bend / 2]; }
        s += `<path d="${d}" fill="none" stroke="${p.line}" stroke-width="3"/><circle cx="${r1(end[0])}" cy="${r1(end[1])}" r="6" fill="${i % 3 === 0 ? p.accent : p.pale}"/>`;
      }
    }
    s += `<rect x="${r1(cx - size / 2)}" y="${r1(cy - size / 2)}" width="${r1(size)}" height="${r1(size)}" rx="18" fill="${p.deep}" stroke="${p.pale}" stroke-width="4"/>`;
    s += `<rect x="${r1(cx - size / 4)}" y="${r1(cy - size / 4)}" width="${r1(size / 2)}" height="${r1(size / 2)}" rx="8" fill="${p.accent}" opacity="0.85"/>`;
    return s;
  },

  atom(rnd, p) {
    const cx = W * (0.5 + (rnd() - 0.5) * 0.2);
    const cy = H * 0.5;
    let s = '';
    const base = rnd() * 60;
    for (let i = 0; i < 3; i++) {
      s += `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(H * 0.42)}" ry="${r1(H * 0.14)}" fill="none" stroke="${p.line}" stroke-width="3" transform="rotate(${r1(base + i * 60)} ${r1(cx)} ${r1(cy)})"/>`;
      const ang = ((base + i * 60) * Math.PI) / 180;
      const ex = cx + Math.cos(ang) * H * 0.42;
      const ey = cy + Math.sin(ang) * H * 0.42;
      s += `<circle cx="${r1(ex)}" cy="${r1(ey)}" r="11" fill="${p.accent}"/>`;
    }
    s += `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="34" fill="${p.warm}"/><circle cx="${r1(cx - 10)}" cy="${r1(cy - 10)}" r="12" fill="${p.pale}" opacity="0.6"/>`;
    return s;
  },

  planet(rnd, p) {
    let s = '';
    for (let i = 0; i < 70; i++) {
      s += `<circle cx="${r1(rnd() * W)}" cy="${r1(rnd() * H)}" r="${r1(0.8 + rnd() * 2.2)}" fill="${p.pale}" opacity="${r1(0.3 + rnd() * 0.7)}"/>`;
    }
    const cx = W * (0.35 + rnd() * 0.3);
    const cy = H * 0.55;
    const r = H * 0.26;
    s += `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r)}" fill="url(#planet)"/>`;
    s += `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(r * 1.9)}" ry="${r1(r * 0.42)}" fill="none" stroke="${p.warm}" stroke-width="8" opacity="0.85" transform="rotate(-14 ${r1(cx)} ${r1(cy)})"/>`;
    s += `<circle cx="${r1(W * 0.86)}" cy="${r1(H * 0.2)}" r="22" fill="${p.light}"/>`;
    return s;
  },

  pulse(rnd, p) {
    const y = H * 0.55;
    let d = `M0 ${r1(y)}`;
    let x = 0;
    while (x < W) {
      const flat = 90 + rnd() * 90;
      x += flat;
      d += ` H${r1(x)}`;
      if (x > W - 60) break;
      const amp = 80 + rnd() * 150;
      d += ` l14 ${r1(-amp * 0.25)} l18 ${r1(amp * 0.25 + 40)} l22 ${r1(-amp - 40)} l20 ${r1(amp + 60)} l14 ${r1(-60)}`;
      x += 88;
    }
    let s = '';
    for (let gx = 0; gx < W; gx += 60) s += `<line x1="${gx}" y1="0" x2="${gx}" y2="${H}" stroke="${p.faint}" stroke-width="1"/>`;
    for (let gy = 0; gy < H; gy += 60) s += `<line x1="0" y1="${gy}" x2="${W}" y2="${gy}" stroke="${p.faint}" stroke-width="1"/>`;
    s += `<path d="${d}" fill="none" stroke="${p.accent}" stroke-width="7" stroke-linejoin="round" stroke-linecap="round"/>`;
    const hx = W * (0.72 + rnd() * 0.1);
    s += `<path d="M${r1(hx)} ${r1(H * 0.3)} c -40 -50 -110 -10 -70 45 l70 60 l70 -60 c 40 -55 -30 -95 -70 -45 z" fill="${p.pale}" opacity="0.9"/>`;
    return s;
  },

  helix(rnd, p) {
    let s = '';
    const cy = H * 0.5;
    const amp = H * 0.24;
    const phase = rnd() * Math.PI;
    let a = '';
    let b = '';
    for (let i = 0; i <= 60; i++) {
      const x = W * 0.08 + (i / 60) * W * 0.84;
      const t = phase + (i / 60) * Math.PI * 4;
      a += `${i ? 'L' : 'M'}${r1(x)} ${r1(cy + Math.sin(t) * amp)} `;
      b += `${i ? 'L' : 'M'}${r1(x)} ${r1(cy - Math.sin(t) * amp)} `;
      if (i % 3 === 0) {
        s += `<line x1="${r1(x)}" y1="${r1(cy + Math.sin(t) * amp)}" x2="${r1(x)}" y2="${r1(cy - Math.sin(t) * amp)}" stroke="${i % 6 === 0 ? p.accent : p.light}" stroke-width="5" opacity="0.7"/>`;
      }
    }
    s += `<path d="${a}" fill="none" stroke="${p.pale}" stroke-width="7"/><path d="${b}" fill="none" stroke="${p.warm}" stroke-width="7"/>`;
    return s;
  },

  cells(rnd, p) {
    let s = '';
    for (let i = 0; i < 14; i++) {
      const x = rnd() * W;
      const y = rnd() * H;
      const r = 30 + rnd() * 90;
      s += `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" fill="${p.light}" opacity="${r1(0.12 + rnd() * 0.25)}" stroke="${p.pale}" stroke-width="3"/>`;
      s += `<circle cx="${r1(x + r * 0.2)}" cy="${r1(y - r * 0.1)}" r="${r1(r * 0.28)}" fill="${i % 4 === 0 ? p.accent : p.mid}" opacity="0.8"/>`;
    }
    return s;
  },

  track(rnd, p) {
    let s = '';
    const cx = W * 0.5;
    const cy = H * (0.62 + rnd() * 0.1);
    for (let i = 0; i < 7; i++) {
      const rx = W * 0.26 + i * 34;
      const ry = H * 0.2 + i * 24;
      s += `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(rx)}" ry="${r1(ry)}" fill="none" stroke="${i === 0 || i === 6 ? p.pale : p.line}" stroke-width="${i === 0 || i === 6 ? 5 : 2.5}"/>`;
    }
    s += `<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(W * 0.26 - 4)}" ry="${r1(H * 0.2 - 4)}" fill="${p.mid}" opacity="0.55"/>`;
    s += `<line x1="${r1(cx)}" y1="${r1(cy + H * 0.2)}" x2="${r1(cx)}" y2="${r1(cy + H * 0.2 + 6 * 24)}" stroke="${p.accent}" stroke-width="6"/>`;
    return s;
  },

  ball(rnd, p) {
    const cx = W * (0.6 + rnd() * 0.1);
    const cy = H * 0.48;
    const r = H * 0.22;
    let s = '';
    // Motion arcs behind the ball.
    for (let i = 0; i < 4; i++) {
      s += `<path d="M${r1(cx - r - 40 - i * 90)} ${r1(cy - r * 0.6 + i * 30)} Q ${r1(cx - r * 2 - i * 60)} ${r1(cy + i * 10)} ${r1(cx - r - 60 - i * 120)} ${r1(cy + r * 0.7 + i * 10)}" fill="none" stroke="${p.line}" stroke-width="${6 - i}" stroke-linecap="round"/>`;
    }
    s += `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(r)}" fill="${p.pale}"/>`;
    s += `<path d="M${r1(cx - r)} ${r1(cy)} Q ${r1(cx)} ${r1(cy - r * 0.5)} ${r1(cx + r)} ${r1(cy)}" fill="none" stroke="${p.dark}" stroke-width="5"/>`;
    s += `<path d="M${r1(cx)} ${r1(cy - r)} Q ${r1(cx + r * 0.45)} ${r1(cy)} ${r1(cx)} ${r1(cy + r)}" fill="none" stroke="${p.dark}" stroke-width="5"/>`;
    s += `<rect x="0" y="${r1(H * 0.84)}" width="${W}" height="${r1(H * 0.16)}" fill="${p.mid}" opacity="0.6"/>`;
    s += `<ellipse cx="${r1(cx)}" cy="${r1(H * 0.86)}" rx="${r1(r * 0.9)}" ry="12" fill="${p.deep}" opacity="0.5"/>`;
    return s;
  },

  sound(rnd, p) {
    let s = '';
    const n = 48;
    const bw = (W * 0.8) / n;
    for (let i = 0; i < n; i++) {
      const env = Math.sin((i / n) * Math.PI);
      const h = (0.1 + rnd() * 0.9) * env * H * 0.6 + 8;
      const x = W * 0.1 + i * bw;
      s += `<rect x="${r1(x)}" y="${r1(H / 2 - h / 2)}" width="${r1(bw * 0.6)}" height="${r1(h)}" rx="${r1(bw * 0.3)}" fill="${i % 7 === 3 ? p.accent : p.pale}" opacity="${r1(0.55 + env * 0.45)}"/>`;
    }
    return s;
  },

  frame(rnd, p) {
    // A gallery wall: framed abstract canvases.
    let s = `<rect x="0" y="${r1(H * 0.82)}" width="${W}" height="${r1(H * 0.18)}" fill="${p.deep}" opacity="0.6"/>`;
    const frames = [
      [W * 0.12, H * 0.2, W * 0.3, H * 0.48],
      [W * 0.48, H * 0.14, W * 0.22, H * 0.3],
      [W * 0.48, H * 0.5, W * 0.22, H * 0.2],
      [W * 0.76, H * 0.24, W * 0.14, H * 0.42],
    ];
    frames.forEach(([x, y, w, h], i) => {
      s += `<rect x="${r1(x - 10)}" y="${r1(y - 10)}" width="${r1(w + 20)}" height="${r1(h + 20)}" fill="${p.pale}"/>`;
      s += `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" fill="${i % 2 ? p.mid : p.dark}"/>`;
      s += `<circle cx="${r1(x + w * (0.3 + rnd() * 0.4))}" cy="${r1(y + h * (0.3 + rnd() * 0.4))}" r="${r1(Math.min(w, h) * (0.15 + rnd() * 0.2))}" fill="${i === 0 ? p.warm : p.accent}" opacity="0.85"/>`;
    });
    return s;
  },

  book(rnd, p) {
    const cx = W * 0.5;
    const cy = H * 0.58;
    let s = '';
    for (let i = 0; i < 6; i++) {
      const lift = i * 7;
      s += `<path d="M${r1(cx)} ${r1(cy + 10 - lift)} C ${r1(cx - 120)} ${r1(cy - 60 - lift)} ${r1(cx - 300)} ${r1(cy - 20 - lift)} ${r1(cx - 380)} ${r1(cy + 30 - lift)} L ${r1(cx - 380)} ${r1(cy + 150 - lift)} C ${r1(cx - 300)} ${r1(cy + 100 - lift)} ${r1(cx - 120)} ${r1(cy + 80 - lift)} ${r1(cx)} ${r1(cy + 150 - lift)} Z" fill="${p.pale}" opacity="${r1(0.5 + i * 0.1)}" stroke="${p.mid}" stroke-width="1.5"/>`;
      s += `<path d="M${r1(cx)} ${r1(cy + 10 - lift)} C ${r1(cx + 120)} ${r1(cy - 60 - lift)} ${r1(cx + 300)} ${r1(cy - 20 - lift)} ${r1(cx + 380)} ${r1(cy + 30 - lift)} L ${r1(cx + 380)} ${r1(cy + 150 - lift)} C ${r1(cx + 300)} ${r1(cy + 100 - lift)} ${r1(cx + 120)} ${r1(cy + 80 - lift)} ${r1(cx)} ${r1(cy + 150 - lift)} Z" fill="${p.pale}" opacity="${r1(0.5 + i * 0.1)}" stroke="${p.mid}" stroke-width="1.5"/>`;
    }
    s += `<path d="M${r1(cx)} ${r1(cy - 30)} L${r1(cx)} ${r1(cy + 110)}" stroke="${p.mid}" stroke-width="3"/>`;
    s += `<path d="M${r1(cx + 160)} ${r1(cy - 70)} l0 90 l18 -16 l18 16 l0 -90 z" fill="${p.accent}"/>`;
    return s;
  },

  stage(rnd, p) {
    let s = '';
    const spots = [W * 0.3, W * 0.5, W * 0.7];
    spots.forEach((x, i) => {
      s += `<path d="M${r1(x + (rnd() - 0.5) * 60)} 0 L${r1(x - 170)} ${r1(H * 0.8)} L${r1(x + 170)} ${r1(H * 0.8)} Z" fill="${i === 1 ? p.warm : p.pale}" opacity="0.16"/>`;
      s += `<ellipse cx="${r1(x)}" cy="${r1(H * 0.8)}" rx="170" ry="26" fill="${i === 1 ? p.warm : p.pale}" opacity="0.35"/>`;
    });
    s += `<rect x="0" y="${r1(H * 0.8)}" width="${W}" height="${r1(H * 0.2)}" fill="${p.deep}"/>`;
    s += `<path d="M0 0 H${r1(W * 0.16)} C ${r1(W * 0.12)} ${r1(H * 0.3)} ${r1(W * 0.14)} ${r1(H * 0.6)} ${r1(W * 0.08)} ${r1(H * 0.82)} H0 Z" fill="${p.accent}" opacity="0.8"/>`;
    s += `<path d="M${W} 0 H${r1(W * 0.84)} C ${r1(W * 0.88)} ${r1(H * 0.3)} ${r1(W * 0.86)} ${r1(H * 0.6)} ${r1(W * 0.92)} ${r1(H * 0.82)} H${W} Z" fill="${p.accent}" opacity="0.8"/>`;
    return s;
  },

  waves(rnd, p) {
    let s = '';
    for (let i = 0; i < 7; i++) {
      const y = H * (0.35 + i * 0.1);
      const amp = 18 + rnd() * 26;
      const len = 160 + rnd() * 120;
      let d = `M0 ${r1(y)}`;
      for (let x = 0; x <= W + len; x += len) d += ` q ${r1(len / 4)} ${r1(-amp)} ${r1(len / 2)} 0 t ${r1(len / 2)} 0`;
      d += ` V${H} H0 Z`;
      s += `<path d="${d}" fill="${i % 2 ? p.mid : p.dark}" opacity="${r1(0.35 + i * 0.09)}"/>`;
    }
    s = `<circle cx="${r1(W * (0.2 + rnd() * 0.6))}" cy="${r1(H * 0.24)}" r="70" fill="${p.warm}" opacity="0.9"/>` + s;
    return s;
  },

  sun(rnd, p) {
    const cx = W * (0.3 + rnd() * 0.4);
    const cy = H * 0.62;
    let s = '';
    for (let i = 0; i < 24; i++) {
      const a = (i / 24) * Math.PI * 2;
      s += `<line x1="${r1(cx + Math.cos(a) * 150)}" y1="${r1(cy + Math.sin(a) * 150)}" x2="${r1(cx + Math.cos(a) * (210 + (i % 2) * 60))}" y2="${r1(cy + Math.sin(a) * (210 + (i % 2) * 60))}" stroke="${p.warm}" stroke-width="6" stroke-linecap="round" opacity="0.8"/>`;
    }
    s += `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="120" fill="${p.warm}"/>`;
    s += `<path d="M0 ${r1(H * 0.8)} L${r1(W * 0.25)} ${r1(H * 0.62)} L${r1(W * 0.45)} ${r1(H * 0.76)} L${r1(W * 0.7)} ${r1(H * 0.56)} L${W} ${r1(H * 0.78)} V${H} H0 Z" fill="${p.deep}" opacity="0.9"/>`;
    return s;
  },

  leaf(rnd, p) {
    let s = '';
    for (let i = 0; i < 9; i++) {
      const x = W * (0.1 + rnd() * 0.8);
      const y = H * (0.15 + rnd() * 0.7);
      const size = 60 + rnd() * 110;
      const rot = rnd() * 360;
      s += `<g transform="translate(${r1(x)} ${r1(y)}) rotate(${r1(rot)})"><path d="M0 ${r1(-size)} C ${r1(size * 0.7)} ${r1(-size * 0.5)} ${r1(size * 0.6)} ${r1(size * 0.5)} 0 ${r1(size)} C ${r1(-size * 0.6)} ${r1(size * 0.5)} ${r1(-size * 0.7)} ${r1(-size * 0.5)} 0 ${r1(-size)} Z" fill="${i % 3 === 0 ? p.accent : p.light}" opacity="${r1(0.45 + rnd() * 0.45)}"/><line x1="0" y1="${r1(-size * 0.9)}" x2="0" y2="${r1(size * 0.9)}" stroke="${p.dark}" stroke-width="3" opacity="0.6"/></g>`;
    }
    return s;
  },

  mountains(rnd, p) {
    let s = `<circle cx="${r1(W * (0.6 + rnd() * 0.25))}" cy="${r1(H * 0.26)}" r="60" fill="${p.pale}" opacity="0.85"/>`;
    for (let layer = 0; layer < 4; layer++) {
      let d = `M0 ${H}`;
      const baseY = H * (0.5 + layer * 0.11);
      let x = 0;
      d += ` L0 ${r1(baseY)}`;
      while (x < W) {
        const step = 120 + rnd() * 160;
        const peak = baseY - (40 + rnd() * 140) * (1 - layer * 0.18);
        d += ` L${r1(x + step / 2)} ${r1(peak)} L${r1(x + step)} ${r1(baseY - rnd() * 30)}`;
        x += step;
      }
      d += ` L${W} ${H} Z`;
      const fill = [p.light, p.mid, p.dark, p.deep][layer];
      s += `<path d="${d}" fill="${fill}" opacity="${r1(0.6 + layer * 0.13)}"/>`;
    }
    return s;
  },

  ice(rnd, p) {
    let s = `<rect x="0" y="${r1(H * 0.62)}" width="${W}" height="${r1(H * 0.38)}" fill="${p.dark}"/>`;
    for (let i = 0; i < 6; i++) {
      const x = W * (0.05 + i * 0.16 + rnd() * 0.05);
      const w = 80 + rnd() * 120;
      const h = 50 + rnd() * 140;
      const y = H * 0.62;
      s += `<path d="M${r1(x)} ${r1(y)} L${r1(x + w * 0.2)} ${r1(y - h)} L${r1(x + w * 0.55)} ${r1(y - h * 0.7)} L${r1(x + w * 0.75)} ${r1(y - h * 0.95)} L${r1(x + w)} ${r1(y)} Z" fill="${p.pale}" opacity="0.92"/>`;
      s += `<path d="M${r1(x + w * 0.1)} ${r1(y)} L${r1(x + w * 0.4)} ${r1(y + h * 0.6)} L${r1(x + w * 0.9)} ${r1(y)} Z" fill="${p.light}" opacity="0.35"/>`;
    }
    return s;
  },

  storm(rnd, p) {
    let s = '';
    for (let i = 0; i < 5; i++) {
      const x = W * (0.1 + i * 0.2 + (rnd() - 0.5) * 0.05);
      const y = H * (0.22 + rnd() * 0.08);
      s += `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(150 + rnd() * 60)}" ry="${r1(70 + rnd() * 30)}" fill="${p.light}" opacity="${r1(0.35 + rnd() * 0.3)}"/>`;
    }
    for (let i = 0; i < 60; i++) {
      const x = rnd() * W;
      const y = H * (0.35 + rnd() * 0.6);
      s += `<line x1="${r1(x)}" y1="${r1(y)}" x2="${r1(x - 14)}" y2="${r1(y + 40)}" stroke="${p.pale}" stroke-width="2.5" opacity="0.5" stroke-linecap="round"/>`;
    }
    const bx = W * (0.4 + rnd() * 0.2);
    s += `<path d="M${r1(bx)} ${r1(H * 0.3)} l-50 140 h45 l-35 150 l110 -190 h-50 l40 -100 z" fill="${p.warm}"/>`;
    return s;
  },

  skyline(rnd, p) {
    let s = `<circle cx="${r1(W * (0.15 + rnd() * 0.7))}" cy="${r1(H * 0.25)}" r="54" fill="${p.warm}" opacity="0.85"/>`;
    let x = 0;
    while (x < W) {
      const w = 50 + rnd() * 90;
      const h = H * (0.25 + rnd() * 0.45);
      s += `<rect x="${r1(x)}" y="${r1(H - h)}" width="${r1(w - 6)}" height="${r1(h)}" fill="${rnd() > 0.5 ? p.dark : p.deep}"/>`;
      for (let wy = H - h + 20; wy < H - 20; wy += 30) {
        for (let wx = x + 10; wx < x + w - 20; wx += 22) {
          if (rnd() > 0.55) s += `<rect x="${r1(wx)}" y="${r1(wy)}" width="10" height="14" fill="${p.warm}" opacity="0.55"/>`;
        }
      }
      x += w;
    }
    return s;
  },

  ship(rnd, p) {
    let s = motifs.waves(rnd, p);
    const x = W * (0.3 + rnd() * 0.3);
    const y = H * 0.42;
    const colors = [p.accent, p.warm, p.pale, p.light];
    for (let i = 0; i < 6; i++) {
      s += `<rect x="${r1(x + 30 + i * 52)}" y="${r1(y - 50 - (i % 2) * 46)}" width="48" height="${r1(46 + (i % 2) * 46)}" fill="${colors[i % 4]}" stroke="${p.deep}" stroke-width="2"/>`;
    }
    s += `<path d="M${r1(x)} ${r1(y)} H${r1(x + 400)} l-40 70 H${r1(x + 30)} Z" fill="${p.deep}"/>`;
    return s;
  },

  crowd(rnd, p) {
    // Rows of people seen from behind: heads and shoulders.
    let s = '';
    const colors = [p.pale, p.light, p.accent, p.warm, p.mid];
    for (let row = 0; row < 4; row++) {
      const y = H * (0.42 + row * 0.15);
      const size = 34 + row * 10;
      const offset = (row % 2) * size * 0.9;
      for (let x = -size + offset; x < W + size; x += size * 1.8) {
        const jitter = (rnd() - 0.5) * size * 0.5;
        const c = colors[Math.floor(rnd() * colors.length)];
        const op = r1(0.55 + row * 0.12);
        s += `<circle cx="${r1(x + jitter)}" cy="${r1(y - size * 0.9)}" r="${r1(size * 0.5)}" fill="${c}" opacity="${op}"/>`;
        s += `<rect x="${r1(x + jitter - size * 0.8)}" y="${r1(y - size * 0.3)}" width="${r1(size * 1.6)}" height="${r1(size * 2)}" rx="${r1(size * 0.6)}" fill="${c}" opacity="${op}"/>`;
      }
    }
    return s;
  },

  speech(rnd, p) {
    const cx = W * (0.42 + rnd() * 0.16);
    let s = '';
    for (let i = 1; i <= 4; i++) {
      s += `<path d="M${r1(cx + 40 + i * 46)} ${r1(H * 0.22 - i * 30)} a ${r1(60 + i * 55)} ${r1(60 + i * 55)} 0 0 1 0 ${r1(120 + i * 110)}" fill="none" stroke="${p.line}" stroke-width="4" stroke-linecap="round" transform="translate(0 ${r1(H * 0.08)})"/>`;
      s += `<path d="M${r1(cx - 40 - i * 46)} ${r1(H * 0.22 - i * 30)} a ${r1(60 + i * 55)} ${r1(60 + i * 55)} 0 0 0 0 ${r1(120 + i * 110)}" fill="none" stroke="${p.line}" stroke-width="4" stroke-linecap="round" transform="translate(0 ${r1(H * 0.08)})"/>`;
    }
    s += `<rect x="${r1(cx - 34)}" y="${r1(H * 0.14)}" width="68" height="130" rx="34" fill="${p.pale}"/>`;
    s += `<path d="M${r1(cx - 58)} ${r1(H * 0.14 + 80)} a 58 58 0 0 0 116 0" fill="none" stroke="${p.pale}" stroke-width="8"/>`;
    s += `<rect x="${r1(cx - 5)}" y="${r1(H * 0.14 + 138)}" width="10" height="60" fill="${p.pale}"/>`;
    s += `<path d="M${r1(cx - 150)} ${r1(H * 0.6)} H${r1(cx + 150)} L${r1(cx + 120)} ${H} H${r1(cx - 120)} Z" fill="${p.deep}"/>`;
    s += `<rect x="${r1(cx - 160)}" y="${r1(H * 0.6 - 14)}" width="320" height="18" rx="4" fill="${p.accent}"/>`;
    return s;
  },

  document(rnd, p) {
    let s = '';
    const cx = W * 0.5;
    for (let i = 2; i >= 0; i--) {
      const rot = (i - 1) * 7 + (rnd() - 0.5) * 4;
      const x = cx - 150 + i * 30;
      const y = H * 0.12 + i * 10;
      s += `<g transform="rotate(${r1(rot)} ${r1(x + 150)} ${r1(y + 220)})"><rect x="${r1(x)}" y="${r1(y)}" width="300" height="420" rx="6" fill="${p.pale}" opacity="${r1(1 - i * 0.2)}"/>`;
      if (i === 0) {
        s += `<rect x="${r1(x + 34)}" y="${r1(y + 40)}" width="150" height="16" rx="8" fill="${p.dark}"/>`;
        for (let l = 0; l < 9; l++) s += `<rect x="${r1(x + 34)}" y="${r1(y + 84 + l * 28)}" width="${r1(170 + rnd() * 60)}" height="9" rx="4.5" fill="${p.mid}" opacity="0.45"/>`;
        s += `<circle cx="${r1(x + 228)}" cy="${r1(y + 352)}" r="34" fill="${p.accent}" opacity="0.9"/><circle cx="${r1(x + 228)}" cy="${r1(y + 352)}" r="22" fill="none" stroke="${p.pale}" stroke-width="3"/>`;
      }
      s += '</g>';
    }
    return s;
  },

  coins(rnd, p) {
    let s = '';
    const stacks = 5;
    for (let i = 0; i < stacks; i++) {
      const x = W * (0.2 + i * 0.15);
      const count = 3 + Math.floor(rnd() * 9) + i;
      for (let c = 0; c < count; c++) {
        const y = H * 0.86 - c * 22;
        s += `<ellipse cx="${r1(x)}" cy="${r1(y + 8)}" rx="66" ry="20" fill="${p.dark}"/><ellipse cx="${r1(x)}" cy="${r1(y)}" rx="66" ry="20" fill="${c === count - 1 ? p.warm : p.light}" stroke="${p.deep}" stroke-width="1.5"/>`;
      }
    }
    return s;
  },

  factory(rnd, p) {
    let s = '';
    for (let i = 0; i < 3; i++) {
      const x = W * (0.3 + i * 0.12);
      const top = H * (0.2 + rnd() * 0.12);
      for (let k = 0; k < 4; k++) {
        s += `<circle cx="${r1(x + 20 + k * 30 + rnd() * 20)}" cy="${r1(top - 30 - k * 34)}" r="${r1(26 + k * 12)}" fill="${p.light}" opacity="${r1(0.35 - k * 0.06)}"/>`;
      }
      s += `<rect x="${r1(x)}" y="${r1(top)}" width="44" height="${r1(H * 0.62 - top)}" fill="${p.deep}"/><rect x="${r1(x)}" y="${r1(top + 20)}" width="44" height="12" fill="${p.accent}"/>`;
    }
    let d = `M${r1(W * 0.12)} ${r1(H * 0.86)} V${r1(H * 0.62)}`;
    for (let i = 0; i < 5; i++) d += ` l${r1(W * 0.076)} ${r1(-H * 0.1)} v${r1(H * 0.1)}`;
    d += ` H${r1(W * 0.88)} V${r1(H * 0.86)} Z`;
    s += `<path d="${d}" fill="${p.dark}" stroke="${p.line}" stroke-width="2"/>`;
    for (let i = 0; i < 8; i++) s += `<rect x="${r1(W * 0.16 + i * 60)}" y="${r1(H * 0.7)}" width="30" height="40" fill="${p.warm}" opacity="0.6"/>`;
    s += `<rect x="0" y="${r1(H * 0.86)}" width="${W}" height="${r1(H * 0.14)}" fill="${p.deep}"/>`;
    return s;
  },

  battery(rnd, p) {
    const cx = W * 0.5;
    const cy = H * 0.5;
    const level = 2 + Math.floor(rnd() * 3);
    let s = `<rect x="${r1(cx - 260)}" y="${r1(cy - 120)}" width="500" height="240" rx="34" fill="none" stroke="${p.pale}" stroke-width="14"/>`;
    s += `<rect x="${r1(cx + 250)}" y="${r1(cy - 50)}" width="36" height="100" rx="10" fill="${p.pale}"/>`;
    for (let i = 0; i < level; i++) s += `<rect x="${r1(cx - 230 + i * 112)}" y="${r1(cy - 90)}" width="96" height="180" rx="12" fill="${i === level - 1 ? p.accent : p.light}"/>`;
    s += `<path d="M${r1(cx + 40)} ${r1(cy - 200)} l-70 150 h60 l-40 130 l120 -170 h-62 l40 -110 z" fill="${p.warm}" opacity="0.9" transform="translate(0 ${r1(H * -0.02)})"/>`;
    return s;
  },

  rails(rnd, p) {
    const vx = W * (0.4 + rnd() * 0.2);
    const vy = H * 0.36;
    let s = `<rect x="0" y="${r1(vy)}" width="${W}" height="${r1(H - vy)}" fill="${p.dark}" opacity="0.7"/>`;
    s += `<circle cx="${r1(vx)}" cy="${r1(vy - 10)}" r="60" fill="${p.warm}" opacity="0.85"/>`;
    s += `<rect x="0" y="${r1(vy - 4)}" width="${W}" height="8" fill="${p.deep}"/>`;
    for (let i = 1; i <= 12; i++) {
      const t = (i / 12) ** 2;
      const y = vy + t * (H - vy);
      const half = 12 + t * 350;
      s += `<line x1="${r1(vx - half)}" y1="${r1(y)}" x2="${r1(vx + half)}" y2="${r1(y)}" stroke="${p.light}" stroke-width="${r1(2 + t * 12)}" opacity="0.55"/>`;
    }
    s += `<path d="M${r1(vx - 8)} ${r1(vy)} L${r1(vx - 300)} ${H}" stroke="${p.pale}" stroke-width="8"/><path d="M${r1(vx + 8)} ${r1(vy)} L${r1(vx + 300)} ${H}" stroke="${p.pale}" stroke-width="8"/>`;
    return s;
  },

  field(rnd, p) {
    let s = `<circle cx="${r1(W * (0.6 + rnd() * 0.25))}" cy="${r1(H * 0.24)}" r="64" fill="${p.warm}" opacity="0.9"/>`;
    const hills = [p.light, p.mid, p.warm, p.dark];
    for (let i = 0; i < 4; i++) {
      const y = H * (0.45 + i * 0.12);
      const c1 = y - 40 - rnd() * 60;
      const c2 = y - rnd() * 50;
      s += `<path d="M0 ${r1(y)} C ${r1(W * 0.3)} ${r1(c1)} ${r1(W * 0.6)} ${r1(c2)} ${W} ${r1(y - 20)} V${H} H0 Z" fill="${hills[i]}" opacity="${r1(0.7 + i * 0.08)}"/>`;
      for (let k = 0; k < 7; k++) {
        const x = W * (k / 7) + (rnd() - 0.5) * 20;
        s += `<path d="M${r1(x)} ${r1(y + 30 + k * 2)} q ${r1(W * 0.05)} -12 ${r1(W * 0.12)} 0" fill="none" stroke="${p.deep}" stroke-width="3" opacity="0.25"/>`;
      }
    }
    return s;
  },

  turbine(rnd, p) {
    let s = `<path d="M0 ${r1(H * 0.8)} C ${r1(W * 0.3)} ${r1(H * 0.72)} ${r1(W * 0.7)} ${r1(H * 0.86)} ${W} ${r1(H * 0.76)} V${H} H0 Z" fill="${p.dark}"/>`;
    const towers = [[0.28, 1], [0.56, 0.78], [0.8, 0.6]];
    towers.forEach(([fx, scale], i) => {
      const x = W * fx;
      const top = H * 0.8 - 380 * scale;
      s += `<path d="M${r1(x - 7 * scale)} ${r1(H * 0.82)} L${r1(x - 3 * scale)} ${r1(top)} H${r1(x + 3 * scale)} L${r1(x + 7 * scale)} ${r1(H * 0.82)} Z" fill="${p.pale}"/>`;
      const a0 = rnd() * 120 + i * 17;
      for (let b = 0; b < 3; b++) {
        s += `<path d="M${r1(x)} ${r1(top)} l${r1(-8 * scale)} ${r1(-170 * scale)} q ${r1(8 * scale)} ${r1(-12 * scale)} ${r1(14 * scale)} 0 z" fill="${p.pale}" transform="rotate(${r1(a0 + b * 120)} ${r1(x)} ${r1(top)})"/>`;
      }
      s += `<circle cx="${r1(x)}" cy="${r1(top)}" r="${r1(10 * scale)}" fill="${p.accent}"/>`;
    });
    return s;
  },

  device(rnd, p) {
    const cx = W * (0.4 + rnd() * 0.2);
    const y = H * 0.1;
    let s = `<rect x="${r1(cx - 140)}" y="${r1(y)}" width="280" height="540" rx="40" fill="${p.deep}" stroke="${p.pale}" stroke-width="6"/>`;
    s += `<rect x="${r1(cx - 118)}" y="${r1(y + 40)}" width="236" height="460" rx="16" fill="${p.dark}"/>`;
    s += `<rect x="${r1(cx - 98)}" y="${r1(y + 64)}" width="196" height="120" rx="10" fill="${p.accent}" opacity="0.85"/>`;
    for (let i = 0; i < 4; i++) s += `<rect x="${r1(cx - 98)}" y="${r1(y + 206 + i * 64)}" width="${r1(120 + rnd() * 76)}" height="40" rx="10" fill="${p.light}" opacity="${r1(0.35 + i * 0.1)}"/>`;
    for (let i = 0; i < 3; i++) s += `<circle cx="${r1(cx + 200 + i * 70)}" cy="${r1(H * 0.3 + i * 60)}" r="${r1(14 + i * 6)}" fill="${i === 1 ? p.warm : p.pale}" opacity="0.6"/>`;
    return s;
  },

  trophy(rnd, p) {
    const cx = W * (0.45 + rnd() * 0.1);
    let s = '';
    for (let i = 0; i < 40; i++) {
      const x = rnd() * W;
      const y = rnd() * H * 0.7;
      s += `<rect x="${r1(x)}" y="${r1(y)}" width="10" height="18" fill="${[p.accent, p.warm, p.pale][i % 3]}" opacity="0.7" transform="rotate(${r1(rnd() * 180)} ${r1(x)} ${r1(y)})"/>`;
    }
    s += `<path d="M${r1(cx - 120)} ${r1(H * 0.16)} H${r1(cx + 120)} C ${r1(cx + 120)} ${r1(H * 0.5)} ${r1(cx + 40)} ${r1(H * 0.56)} ${r1(cx + 14)} ${r1(H * 0.58)} V${r1(H * 0.72)} H${r1(cx - 14)} V${r1(H * 0.58)} C ${r1(cx - 40)} ${r1(H * 0.56)} ${r1(cx - 120)} ${r1(H * 0.5)} ${r1(cx - 120)} ${r1(H * 0.16)} Z" fill="${p.warm}"/>`;
    s += `<path d="M${r1(cx - 120)} ${r1(H * 0.22)} h-50 a 50 60 0 0 0 70 90" fill="none" stroke="${p.warm}" stroke-width="14"/><path d="M${r1(cx + 120)} ${r1(H * 0.22)} h50 a 50 60 0 0 1 -70 90" fill="none" stroke="${p.warm}" stroke-width="14"/>`;
    s += `<rect x="${r1(cx - 90)}" y="${r1(H * 0.72)}" width="180" height="60" rx="6" fill="${p.deep}"/><rect x="${r1(cx - 60)}" y="${r1(H * 0.75)}" width="120" height="12" rx="6" fill="${p.warm}" opacity="0.7"/>`;
    return s;
  },

  houses(rnd, p) {
    let s = `<circle cx="${r1(W * (0.15 + rnd() * 0.7))}" cy="${r1(H * 0.22)}" r="50" fill="${p.pale}" opacity="0.8"/>`;
    s += `<rect x="0" y="${r1(H * 0.8)}" width="${W}" height="${r1(H * 0.2)}" fill="${p.deep}"/>`;
    let x = W * 0.04;
    const fills = [p.light, p.pale, p.mid, p.warm];
    while (x < W * 0.92) {
      const w = 120 + rnd() * 70;
      const h = 130 + rnd() * 90;
      const base = H * 0.8;
      const fill = fills[Math.floor(rnd() * fills.length)];
      s += `<rect x="${r1(x)}" y="${r1(base - h)}" width="${r1(w)}" height="${r1(h)}" fill="${fill}" opacity="0.9"/>`;
      s += `<path d="M${r1(x - 12)} ${r1(base - h)} L${r1(x + w / 2)} ${r1(base - h - w * 0.5)} L${r1(x + w + 12)} ${r1(base - h)} Z" fill="${p.deep}"/>`;
      s += `<rect x="${r1(x + w / 2 - 16)}" y="${r1(base - 60)}" width="32" height="60" fill="${p.dark}"/>`;
      s += `<rect x="${r1(x + 16)}" y="${r1(base - h + 24)}" width="28" height="28" fill="${p.warm}" opacity="0.8"/><rect x="${r1(x + w - 44)}" y="${r1(base - h + 24)}" width="28" height="28" fill="${p.warm}" opacity="0.8"/>`;
      x += w + 26;
    }
    return s;
  },

  volcano(rnd, p) {
    const cx = W * (0.45 + rnd() * 0.1);
    let s = '';
    for (let i = 0; i < 9; i++) {
      s += `<circle cx="${r1(cx + (rnd() - 0.3) * 260 + i * 20)}" cy="${r1(H * 0.3 - i * 18 - rnd() * 30)}" r="${r1(50 + rnd() * 60)}" fill="${p.light}" opacity="${r1(0.18 + rnd() * 0.2)}"/>`;
    }
    s += `<circle cx="${r1(cx)}" cy="${r1(H * 0.4)}" r="120" fill="${p.warm}" opacity="0.35"/>`;
    s += `<path d="M${r1(cx - 480)} ${H} L${r1(cx - 70)} ${r1(H * 0.4)} H${r1(cx + 70)} L${r1(cx + 480)} ${H} Z" fill="${p.deep}"/>`;
    s += `<path d="M${r1(cx - 60)} ${r1(H * 0.41)} l30 80 l20 -40 l25 110 l30 -150 Z" fill="${p.warm}"/>`;
    return s;
  },

  lock(rnd, p) {
    const cx = W * (0.42 + rnd() * 0.16);
    const cy = H * 0.56;
    let s = '';
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 3; j++) {
        s += `<rect x="${r1(W * 0.06 + j * 42)}" y="${r1(H * 0.14 + i * 48)}" width="30" height="30" rx="4" fill="${p.pale}" opacity="${r1(0.1 + rnd() * 0.35)}"/>`;
      }
    }
    s += `<path d="M${r1(cx - 90)} ${r1(cy - 60)} V${r1(cy - 150)} a 90 90 0 0 1 180 0 V${r1(cy - 60)}" fill="none" stroke="${p.pale}" stroke-width="30"/>`;
    s += `<rect x="${r1(cx - 150)}" y="${r1(cy - 70)}" width="300" height="230" rx="26" fill="${p.accent}"/>`;
    s += `<circle cx="${r1(cx)}" cy="${r1(cy + 20)}" r="26" fill="${p.deep}"/><rect x="${r1(cx - 10)}" y="${r1(cy + 30)}" width="20" height="60" rx="8" fill="${p.deep}"/>`;
    return s;
  },

  abstract(rnd, p) {
    // A quiet composition: a large disc, concentric arcs, a dot grid and a band.
    const cx = W * (0.3 + rnd() * 0.4);
    const cy = H * (0.4 + rnd() * 0.2);
    let s = `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(H * 0.3)}" fill="${p.warm}" opacity="0.85"/>`;
    for (let i = 1; i <= 5; i++) {
      s += `<circle cx="${r1(cx + 60)}" cy="${r1(cy + 40)}" r="${r1(H * 0.3 + i * 34)}" fill="none" stroke="${p.line}" stroke-width="2"/>`;
    }
    const gx = rnd() > 0.5 ? W * 0.06 : W * 0.72;
    for (let x = 0; x < 7; x++) {
      for (let y = 0; y < 5; y++) s += `<circle cx="${r1(gx + x * 36)}" cy="${r1(H * 0.12 + y * 36)}" r="5" fill="${p.pale}" opacity="0.7"/>`;
    }
    const tilt = -20 + rnd() * 40;
    s += `<rect x="${r1(-W * 0.1)}" y="${r1(H * 0.66)}" width="${r1(W * 1.2)}" height="${r1(H * 0.12)}" fill="${p.accent}" opacity="0.75" transform="rotate(${r1(tilt / 3)} ${W / 2} ${r1(H * 0.72)})"/>`;
    s += `<path d="M${r1(cx - H * 0.3)} ${r1(cy)} a ${r1(H * 0.3)} ${r1(H * 0.3)} 0 0 0 ${r1(H * 0.6)} 0 z" fill="${p.deep}" opacity="0.35"/>`;
    return s;
  },
};

// Free-text motif words (as the content authors wrote them) → a drawing.
const SYNONYMS = [
  [/\b(?:turbine|windmill|wind farm|renewable)/, 'turbine'],
  [/\b(?:volcan|lava|eruption|ash)/, 'volcano'],
  [/\b(?:crane|container|ship|port|harbour|harbor|cargo|anchor|lifebuoy|ferry|shipping|freight|tanker|vessel)/, 'ship'],
  [/\b(?:fish|whale|boat|sail|rowing|oar|tap\b|swim|pool|dam|river|lake|canal|reservoir|wave|ocean|sea|water|flood|coast|rain|tide|beach)/, 'waves'],
  [/\b(?:globe|world|map|earth|diplomac|border|plane|flight|airport|airline|travel|migration|passport|aviation)/, 'globe'],
  [/\b(?:chart|graph|market|stock|econom|inflation|rate|index|growth|trade|export|import|tariff)/, 'chart'],
  [/\b(?:coin|bank|money|cash|pension|wage|salary|budget|tax|wallet|savings|loan|debt|finance|price)/, 'coins'],
  [/\b(?:ballot|vote|election|poll)/, 'ballot'],
  [/\b(?:podium|lectern|microphone|megaphone|speech|press|bell|broadcast|interview|announce|radio)/, 'speech'],
  [/\b(?:parliament|court|column|capitol|government|justice|senate|gavel|institution|museum)/, 'columns'],
  [/\b(?:document|envelope|receipt|letter|report|contract|treaty|magnif|paper|form|petition|law|bill|newspaper)/, 'document'],
  [/\b(?:crowd|committee|people|protest|rally|audience|fans|team|meeting|table|handshake|family|school|student|class|union|strike|worker)/, 'crowd'],
  [/\b(?:factory|fuel|industr|steel|mine|mining|coal|refinery|oil|gas|plant\b|power station|smokestack|chimney|emission)/, 'factory'],
  [/\b(?:battery|charg|electric|grid|power|energy)/, 'battery'],
  [/\b(?:train|rail|tram|metro|tunnel|road|bus\b|car\b|transport|bridge|commut|traffic|motorway)/, 'rails'],
  [/\b(?:tractor|farm|fruit|bread|wheat|harvest|crop|food|orchard|vine|rice|grain|field|dairy|cow|sheep|agricultur|bakery|market stall)/, 'field'],
  [/\b(?:house|cottage|village|home|housing|rent|mortgage|street|neighbour|door|tent|camp|shelter)/, 'houses'],
  [/\b(?:lock|key|password|security|privacy|hack|encrypt|cyber|shield)/, 'lock'],
  [/\b(?:phone|smartphone|mobile|screen|laptop|app\b|tablet|computer|keyboard|gadget|device|headset|watch)/, 'device'],
  [/\b(?:circuit|chip|semiconductor|processor|hardware|robot|\bai\b|machine|server|quantum computer)/, 'circuit'],
  [/\b(?:network|node|data|internet|cloud|web|social|connect|software|code|algorithm|brain|neural|satellite dish)/, 'network'],
  [/\b(?:atom|molecule|physics|particle|quantum|lab|chemistry|experiment|flask|beaker|test tube)/, 'atom'],
  [/\b(?:planet|space|star|orbit|rocket|moon|telescope|galaxy|satellite|astronom|comet|asteroid)/, 'planet'],
  [/\b(?:pulse|heart|hospital|medic|health|ecg|clinic|doctor|nurse|stethoscope|ambulance|ward)/, 'pulse'],
  [/\b(?:dna|helix|gene|genom|biolog)/, 'helix'],
  [/\b(?:cell|virus|microbe|bacteri|vaccine|immun|cancer|pill|drug|syringe|microscope|tablet|antibiotic|tooth|blood)/, 'cells'],
  [/\b(?:trophy|cup|medal|award|prize|champion|title)/, 'trophy'],
  [/\b(?:track|race|runner|running|athlet|olympic|marathon|cycl|bicycle|bike|stadium|sprint|lane)/, 'track'],
  [/\b(?:ball|hoop|glove|football|soccer|tennis|cricket|rugby|basketball|golf|goal|match|pitch|boot|racket|bat\b|whistle|net\b)/, 'ball'],
  [/\b(?:sound|music|audio|concert|song|album|festival|guitar|piano|violin|drum|choir|orchestra|vinyl|record|headphone|podcast)/, 'sound'],
  [/\b(?:frame|gallery|art|paint|brush|palette|exhibition|photo|portrait|sculpture|canvas)/, 'frame'],
  [/\b(?:book|novel|literature|library|poetry|page|read|publish|author|manuscript)/, 'book'],
  [/\b(?:stage|ticket|lantern|theatre|theater|film|cinema|screen|dance|opera|show|tv|television|mask|curtain|camera|spotlight)/, 'stage'],
  [/\b(?:sun|fan\b|heat|solar|drought|desert|fire|wildfire|temperature|thermometer)/, 'sun'],
  [/\b(?:leaf|forest|tree|plant|garden|nature|biodivers|wildlife|bee|bird|flower|seed|peat|moss|woodland)/, 'leaf'],
  [/\b(?:mountain|cliff|landscape|hill|valley|land|ski|climb|peak|glen)/, 'mountains'],
  [/\b(?:ice|glacier|arctic|antarctic|snow|polar|winter|frost|permafrost)/, 'ice'],
  [/\b(?:storm|cloud|weather|hurricane|wind|lightning|cyclone|typhoon|tornado)/, 'storm'],
  [/\b(?:city|skyline|urban|tower|office|skyscraper|building)/, 'skyline'],
];

/** Which drawing a motif word maps to; unknown words get an abstract composition. */
export function motifKind(motif) {
  const word = String(motif ?? '').toLowerCase();
  if (Object.hasOwn(motifs, word)) return word;
  for (const [pattern, kind] of SYNONYMS) if (pattern.test(word)) return kind;
  return 'abstract';
}

/** Human description of the drawing, used as the image's alt text. */
export function describeIllustration(motif) {
  const kind = motifKind(motif);
  const nouns = {
    globe: 'a wireframe globe crossed by a flight path',
    chart: 'a rising bar chart',
    columns: 'a columned public building',
    ballot: 'a ballot paper over a ballot box',
    circuit: 'a microchip with circuit traces',
    network: 'a network of connected points',
    atom: 'an atom with three orbits',
    planet: 'a ringed planet among stars',
    pulse: 'a heartbeat trace and a heart',
    helix: 'a double helix',
    cells: 'cells under a microscope',
    track: 'the lanes of a running track',
    ball: 'a ball in flight',
    sound: 'a sound waveform',
    frame: 'framed paintings on a gallery wall',
    book: 'an open book with a bookmark',
    stage: 'spotlights on a stage',
    waves: 'rolling waves under a low sun',
    sun: 'a blazing sun over hills',
    leaf: 'scattered leaves',
    mountains: 'layered mountain ridges',
    ice: 'icebergs on dark water',
    storm: 'storm clouds, rain and lightning',
    skyline: 'a city skyline with lit windows',
    ship: 'a container ship on the waves',
    crowd: 'a crowd of people seen from behind',
    speech: 'a microphone above a lectern',
    document: 'a stack of papers with a seal',
    coins: 'stacks of coins',
    factory: 'a factory with smoking chimneys',
    battery: 'a charging battery',
    rails: 'railway tracks running to the horizon',
    field: 'rolling fields under the sun',
    turbine: 'wind turbines on a hill',
    device: 'a smartphone screen',
    trophy: 'a trophy amid confetti',
    houses: 'a row of houses',
    volcano: 'an erupting volcano',
    lock: 'a padlock',
    abstract: 'overlapping geometric shapes',
  };
  return `Illustration: ${nouns[kind]}`;
}

/**
 * The SVG document for one article.
 * @param {{ id: string, imageHue?: number, imageMotif?: string }} article
 */
export function illustrationSvg(article) {
  const seed = hashString(String(article.id));
  const rnd = random(seed);
  // A little hue drift and a per-article framing keep stories that share a
  // motif and a hue (a run of hospital stories, say) from looking identical.
  const baseHue = Number.isFinite(article.imageHue) ? Number(article.imageHue) : seed % 360;
  const hue = baseHue + ((seed >>> 8) % 21) - 10;
  const p = palette(hue);
  const flip = (seed & 1) === 1;
  // Zoom in, never out, and shift only within the overscan, so full-bleed
  // drawings (waves, skylines, a heartbeat trace) still reach every edge.
  const zoom = 1 + ((seed >>> 4) % 13) / 100;
  const shiftX = ((((seed >>> 12) % 101) - 50) / 50) * ((W * (zoom - 1)) / 2);
  const shiftY = ((((seed >>> 20) % 101) - 50) / 50) * ((H * (zoom - 1)) / 2);
  const frame = `translate(${r1(W / 2 + shiftX)} ${r1(H / 2 + shiftY)}) scale(${flip ? -r1(zoom * 100) / 100 : r1(zoom * 100) / 100} ${r1(zoom * 100) / 100}) translate(${-W / 2} ${-H / 2})`;
  const kind = motifKind(article.imageMotif);
  const angle = Math.round(rnd() * 60) + 15;
  const glowX = r1(0.2 + rnd() * 0.6);
  const glowY = r1(0.2 + rnd() * 0.4);
  const art = motifs[kind](rnd, p);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" preserveAspectRatio="xMidYMid slice">
<defs>
<linearGradient id="bg" gradientTransform="rotate(${angle} 0.5 0.5)"><stop offset="0" stop-color="${p.deep}"/><stop offset="0.55" stop-color="${p.dark}"/><stop offset="1" stop-color="${p.mid}"/></linearGradient>
<radialGradient id="glow" cx="${glowX}" cy="${glowY}" r="0.6"><stop offset="0" stop-color="${p.light}" stop-opacity="0.45"/><stop offset="1" stop-color="${p.light}" stop-opacity="0"/></radialGradient>
<radialGradient id="planet" cx="0.35" cy="0.35" r="0.75"><stop offset="0" stop-color="${p.light}"/><stop offset="1" stop-color="${p.mid}"/></radialGradient>
<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.6" stop-color="${p.deep}" stop-opacity="0"/><stop offset="1" stop-color="${p.deep}" stop-opacity="0.45"/></linearGradient>
</defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<rect width="${W}" height="${H}" fill="url(#glow)"/>
<g transform="${frame}">${art}</g>
<rect width="${W}" height="${H}" fill="url(#shade)"/>
</svg>
`;
}
