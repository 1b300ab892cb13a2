/** Chinese function words of two or more characters (single characters are dropped by length anyway). */
export const zh = `我们 你们 他们 她们 它们 这个 那个 这些 那些 这样 那样 这里 那里 一个 一些 一种 没有 可以 因为 所以 但是
如果 已经 自己 什么 就是 还是 以及 而且 或者 不是 其中 通过 进行 之后 之前 目前 表示 认为 由于 对于 关于 以上
以下 很多 非常 时候 今年 去年 明天 今天 昨天 记者 报道 方面 同时 并且 然而 虽然 因此 为了 以后 以前 可能
经过 正在 还有 所有 这种 那种 他说 她说`;
