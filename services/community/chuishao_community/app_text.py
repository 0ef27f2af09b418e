"""Every word the member's app (志愿者手机端, /app/) shows, in Chinese (default) and English. The shell is
rendered in Chinese; the script swaps to English from the same table, so the toggle also works offline.
The statuses of needs, claims and members and the hours' sources are not spelled here: they come from
the shared vocabulary (chuishao_shared.vocabulary), as on the wish wall."""

from __future__ import annotations

from chuishao_shared import vocabulary

TEXT: dict[str, tuple[str, str]] = {
    "app_name": ("吹哨·志愿者", "Chuishao · Volunteer"),
    "tab_needs": ("身边需求", "Needs"),
    "tab_activities": ("志愿活动", "Activities"),
    "tab_queue": ("待发送", "Outbox"),
    "tab_me": ("我的", "Me"),
    "lang": ("EN", "中文"),
    "sign_out": ("退出", "Sign out"),
    "signed_in_as": ("当前志愿者", "Signed in as"),
    "sign_in_title": ("请先登录", "Please sign in"),
    "sign_in_help": (
        "请打开社区发给您的登录链接（形如 …/app/#token=…）。链接只需打开一次，本机会记住登录。",
        "Open the sign-in link your community sent you (…/app/#token=…). "
        "You only need to open it once; this phone remembers you.",
    ),
    "sign_in_button": ("登录", "Sign in"),
    "token_expired": ("登录已过期，请重新打开登录链接。", "Your sign-in has expired; open your sign-in link again."),
    "offline": (
        "无网络：操作会先存在手机上，联网后自动发送",
        "Offline: your actions are kept on this phone and sent when online",
    ),
    # 报到
    "register_title": ("到社区报到", "Report in to your community"),
    "register_help": (
        "填写后由社区确认。电话只有社区工作人员可见。",
        "Your community confirms it. Only community staff see your phone.",
    ),
    "name": ("姓名", "Name"),
    "phone": ("手机号", "Mobile phone"),
    "work_unit": ("工作单位", "Work unit"),
    "work_unit_hint": ("如：县教育局", "e.g. County Education Bureau"),
    "party_member": ("我是中共党员（在职党员报到）", "I am a party member (in-service member)"),
    "branch": ("所在党支部", "Party branch"),
    "community": ("报到社区", "Community"),
    "grid": ("居住网格", "Grid"),
    "skills": ("我的技能", "My skills"),
    "skills_help": ("可多选，用于为您推荐需求", "Pick any: used to match needs to you"),
    "register_submit": ("提交报到", "Report in"),
    "registered": ("已提交报到，等待社区确认", "Registered: waiting for the community to confirm"),
    "private": ("仅社区可见", "Staff only"),
    # 需求
    "my_claims": ("我认领的", "My claims"),
    "near_me": ("身边的需求", "Needs near me"),
    "only_my_grid": ("只看我的网格", "My grid only"),
    "only_my_skills": ("匹配我的技能", "Matching my skills"),
    "needs_empty": ("暂时没有匹配的需求", "No matching needs right now"),
    "claims_empty": ("还没有认领需求", "No claims yet"),
    "urgent": ("紧急", "Urgent"),
    "wanted_by": ("期望完成", "Wanted by"),
    "helpers": ("需要人数", "Helpers wanted"),
    "hours_wanted": ("预计时长", "Hours expected"),
    "kind": ("类型", "Kind"),
    "place": ("位置", "Place"),
    "status": ("状态", "Status"),
    "needs_skills": ("需要技能", "Skills wanted"),
    "resident": ("居民信息", "Resident"),
    "resident_locked": (
        "认领经社区确认后，才能看到居民的姓名、电话和地址",
        "The resident's name, phone and address show once your claim is confirmed",
    ),
    "claim": ("我来认领", "Claim it"),
    "claim_pending": ("已认领，等待社区确认", "Claimed: waiting for the community to confirm"),
    "start": ("开始服务", "Start"),
    "done": ("完成服务", "Report done"),
    "done_title": ("服务完成情况", "Report it done"),
    "note": ("情况说明", "Note"),
    "note_hint": ("做了什么、老人/居民情况如何", "What you did, how the resident is"),
    "hours_spent": ("服务时长（小时）", "Hours spent"),
    "photos": ("现场照片（最多9张）", "Photos (up to 9)"),
    "take_photo": ("拍照", "Camera"),
    "from_gallery": ("相册", "Gallery"),
    "remove": ("删除", "Remove"),
    "release": ("放弃认领", "Give it up"),
    "release_confirm": ("确定放弃认领吗？需求会重新开放给其他志愿者。", "Give up this claim? The need opens again."),
    "done_waiting": ("已提交完成，等待社区回访确认后计入时长", "Done: hours count once the community confirms"),
    "credited": ("已计入时长", "Hours credited"),
    "back": ("返回", "Back"),
    "refresh": ("刷新", "Refresh"),
    "loading": ("加载中…", "Loading…"),
    "load_failed": ("加载失败，显示的是上次的数据", "Could not load; showing the last copy"),
    "sent": ("已提交", "Sent"),
    "queued": ("已保存，联网后自动发送", "Saved; it will be sent when online"),
    "waiting_to_send": ("待发送", "Waiting to send"),
    "fix_fields": ("请按提示修改后再提交", "Please correct the marked fields"),
    "not_active": (
        "报到经社区确认后，才能认领需求和报名活动",
        "Once the community confirms your registration you can claim needs and sign up",
    ),
    # 活动
    "activities_empty": ("近期没有志愿活动", "No activities coming up"),
    "slots": ("岗位", "Slots"),
    "free": ("余", "free"),
    "full": ("已满", "Full"),
    "sign_up": ("报名", "Sign up"),
    "signed_up": ("已报名", "Signed up"),
    "check_in": ("扫码签到", "Scan to check in"),
    "check_out": ("扫码签退", "Scan to check out"),
    "checked_in": ("已签到", "Checked in"),
    "checked_out": ("已签退", "Checked out"),
    "scan_title": ("扫描组织者出示的二维码", "Scan the organiser's QR code"),
    "scan_unsupported": (
        "此手机浏览器不支持扫码，请输入组织者二维码下方的签到码",
        "This browser cannot scan: type the code shown under the organiser's QR",
    ),
    "code": ("签到码", "Check-in code"),
    "code_hint": ("粘贴或输入签到码", "Paste or type the code"),
    "submit_code": ("提交", "Submit"),
    "cancel": ("取消", "Cancel"),
    "time": ("时间", "Time"),
    "ended": ("已结束", "Ended"),
    # 我的
    "me_title": ("我的报到", "My registration"),
    "my_hours": ("我的志愿时长", "My hours"),
    "hours_unit": ("小时", "h"),
    "total_hours": ("累计时长", "Total"),
    "hours_empty": ("还没有时长记录", "No hours recorded yet"),
    "certificates": ("志愿服务记录证明", "Volunteer service certificates"),
    "certificate_open": ("查看 / 打印", "View / print"),
    "no_certificate": ("暂无证明，可向社区申请开具", "None yet: ask your community to issue one"),
    # 待发送
    "queue_empty": ("没有待发送的内容", "Nothing waiting to be sent"),
    "queue_waiting": ("待发送", "Waiting"),
    "queue_retry": ("发送失败，稍后重试", "Failed; will retry"),
    "queue_attention": ("需要处理", "Needs attention"),
    "send_now": ("立即发送", "Send now"),
    "discard": ("放弃", "Discard"),
    "discard_confirm": ("确定放弃这条待发送的操作吗？", "Discard this queued action?"),
    "sign_out_confirm": (
        "还有 {n} 项操作未发送，退出将丢弃它们。确定退出吗？",
        "{n} actions have not been sent; signing out discards them. Sign out?",
    ),
    "attempts": ("已尝试", "Attempts"),
    "act_register": ("报到", "Report in"),
    "act_claim": ("认领", "Claim"),
    "act_start": ("开始服务", "Start"),
    "act_done": ("完成服务", "Done"),
    "act_release": ("放弃认领", "Release"),
    "act_signup": ("活动报名", "Sign-up"),
    "act_checkin": ("签到", "Check-in"),
    "act_checkout": ("签退", "Check-out"),
    "msg_required": ("必填", "Required"),
    "msg_max_chars": ("最多 {n} 个字", "At most {n} characters"),
    "photo_too_many": ("最多9张照片", "At most 9 photos"),
}


def words(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in TEXT.items()}


def status_words() -> dict[str, dict[str, tuple[str, str]] | dict[str, str] | list[str]]:
    """The shared vocabulary's words for the community's statuses, and its sets, for the script."""
    return {
        # A claim the claimant may still release (waiting, confirmed, started); with `done`, a claim
        # that is still the member's business (listed under 我认领的).
        "claim_open": sorted(vocabulary.CLAIM_OPEN),
        "claim_mine": sorted(vocabulary.CLAIM_OPEN | {"done"}),
        "need": vocabulary.NEED_STATUS_WORDS,
        "need_tone": vocabulary.NEED_STATUS_TONES,
        "claim": vocabulary.CLAIM_STATUS_WORDS,
        "member": vocabulary.MEMBER_STATUS_WORDS,
        "hours_source": vocabulary.HOURS_SOURCE_WORDS,
    }
