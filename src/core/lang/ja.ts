/**
 * Japanese function words written with kanji or katakana. Words written
 * only in hiragana (particles, auxiliaries, inflections: は が を した
 * ます) are dropped as a class by the keyword filter, so they need no list.
 */
export const ja = `今回 今年 昨年 去年 来年 今日 昨日 明日 場合 一方 以上 以下 自分 我々 同日 同時 予定 記者 関係 必要
可能 時間 現在 方法 理由 部分 全体 結果 中心 以外 以内 最近 多く 前回 次回 本日 当日 当時 事実 一部 全て`;
