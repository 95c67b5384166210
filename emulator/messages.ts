/**
 * COC's error messages follow `X-Language` (en-us when absent). The emulator keeps its messages
 * in English and translates the ones a client may act on when `zh-cn` is asked for, so a client
 * that matched English text would fail here as it would against the real service. The wording
 * is ours: the real Chinese texts are not documented.
 */

const ZH_CN: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^Exist script with same name: (.*)$/s, (m) => `存在同名脚本：${m[1] ?? ''}`],
  [/^The script does not exist\.$/, () => '脚本不存在。'],
  [/^invalid script uuid$/, () => '脚本UUID无效。'],
  [/^The script is not pending approval: (.*)$/s, (m) => `脚本不处于待审批状态：${m[1] ?? ''}`],
  [/^internal error$/, () => '系统内部错误。'],
];

/** The message in the language the request asked for (COC codes only; the gateway stays English). */
export function localizeMessage(message: string, language: string | undefined): string {
  if (language?.trim().toLowerCase() !== 'zh-cn') return message;
  for (const [pattern, render] of ZH_CN) {
    const match = pattern.exec(message);
    if (match) return render(match);
  }
  // Field validation details stay as they are, behind a Chinese lead-in.
  return `参数校验失败：${message}`;
}
