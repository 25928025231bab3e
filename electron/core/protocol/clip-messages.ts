// What the clips' codes say, in both languages (merged into messages.ts).
import type { MessageTable } from './message-table.ts';

export const CLIP_MESSAGES: MessageTable = {
  phase_cutting: { 'zh-CN': '剪辑讲解回放', en: 'Cutting the clips' },
  phase_reel: { 'zh-CN': '制作合集', en: 'Making the long video' },
  reel_too_long: {
    'zh-CN': (p) => `选中的讲解共 ${p.length}，超过合集上限 ${p.max}（视频号视频最长 30 分钟）：请少选几段`,
    en: (p) =>
      `The chosen explanations run ${p.length}, more than the limit of ${p.max} (Channels takes videos up to 30 minutes): choose fewer`,
  },
  reel_unknown_segment: {
    'zh-CN': (p) => `讲解 ${p.segmentId} 不是这场直播已结束的讲解`,
    en: (p) => `Explanation ${p.segmentId} is not a finished explanation of this show`,
  },
  clips_export_folder: { 'zh-CN': '选择存放讲解回放的文件夹', en: 'Choose a folder for the clips' },
  clips_no_ffmpeg: {
    'zh-CN': '找不到 ffmpeg，无法剪辑：请在“直播”设置中指定 ffmpeg，或运行 livecart doctor 查看',
    en: 'ffmpeg was not found, so nothing can be cut: set it in the stream settings, or run livecart doctor',
  },
  clips_nothing: {
    'zh-CN': '这场直播还没有结束的讲解可以剪辑',
    en: 'This show has no finished explanation to cut',
  },
  clip_not_recorded: {
    'zh-CN': (p) => `${p.linkNo}号 ${p.title}：讲解时没有录制，无法生成回放`,
    en: (p) => `No. ${p.linkNo} ${p.title}: nothing was recorded while it was explained, so there is no clip`,
  },
  clip_still_recording: {
    'zh-CN': (p) => `${p.linkNo}号 ${p.title}：讲解刚结束，录像还没写到结尾，请稍后再剪`,
    en: (p) =>
      `No. ${p.linkNo} ${p.title}: the explanation has only just ended and the recording does not hold its end yet: cut it in a moment`,
  },
  clip_cut_failed: {
    'zh-CN': (p) => `${p.linkNo}号 ${p.title}：剪辑失败（${p.reason}），其他回放不受影响`,
    en: (p) => `No. ${p.linkNo} ${p.title}: could not be cut (${p.reason}); the other clips are not affected`,
  },
  clip_partly_recorded: {
    'zh-CN': (p) =>
      `${p.linkNo}号 ${p.title}：讲解中有 ${p.seconds} 秒没有录到（录制开始前、中断或文件已删除），回放缺少这部分`,
    en: (p) =>
      `No. ${p.linkNo} ${p.title}: ${p.seconds} s of the explanation were not recorded (before the recording began, a break, or a deleted file): the clip lacks them`,
  },
};
