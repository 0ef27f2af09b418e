"""The authorization matrix: every route of the intake, dispatch, tracking, notify and community OpenAPI
documents × anonymous, grid workers of grids A and B, liaisons of departments X and Y, dispatchers of
streets S and T, admin and ops, community staff and volunteers of communities C and D and a unit's
contact, against objects owned by A, X, S and C. Each cell is one real request; it must
answer as PRODUCT.md says: 401 (no token), 403 (wrong role), 404 (another's object) or get past
authorization ("ok": any other answer below 500 — a 409 or 422 means the role and object were
accepted). A route missing from the matrix fails the test."""

from __future__ import annotations

import uuid
from typing import Any

from chuishao_shared.auth import mint_token
from support.db import count
from support.factories import GRID, OTHER_GRID, bearer, report_body
from support.notify import SECRET
from support.services import RunningService
from support.system import LEAD, System, case_of, file

PRINCIPALS = [
    "anon",
    "worker_a",
    "worker_b",
    "liaison_x",
    "liaison_y",
    "dispatcher_s",
    "dispatcher_t",
    "admin",
    "ops",
    "staff_c",
    "staff_d",
    "volunteer_c",
    "volunteer_d",
    "unit_u",
]
OTHER_DEPARTMENT = "XY-WQ-ZF"  # a department holding no assignment on the case
STREET, OTHER_STREET = "XY-WQ", "TN-CS"

EVERYONE = dict.fromkeys(PRINCIPALS, "ok")
NOBODY_HAS_IT = dict.fromkeys(PRINCIPALS, "404")  # public, and the same answer whoever asks


def only(allowed: dict[str, str]) -> dict[str, str]:
    """`allowed` cells as given; anonymous 401; every other role 403."""
    return {p: allowed.get(p, "401" if p == "anon" else "403") for p in PRINCIPALS}


WORKER_OWN = only({"worker_a": "ok", "worker_b": "404"})
WORKER_ANY = only({"worker_a": "ok", "worker_b": "ok"})
WORKER_IN_GRID = only({"worker_a": "ok", "worker_b": "403"})  # the body names grid A
STAFF = only({"liaison_x": "ok", "liaison_y": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok", "admin": "ok"})
CASE_READERS = only({"liaison_x": "ok", "liaison_y": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok"})
CASE_OBJECT = only({"liaison_x": "ok", "liaison_y": "404", "dispatcher_s": "ok", "dispatcher_t": "404"})
LIAISON_ACTION = only({"liaison_x": "ok", "liaison_y": "404"})
DISPATCHER_ACTION = only({"dispatcher_s": "ok", "dispatcher_t": "404"})
DISPATCHERS = only({"dispatcher_s": "ok", "dispatcher_t": "ok"})
ADMIN = only({"admin": "ok"})
ROSTER_READERS = only({"admin": "ok", "liaison_x": "ok", "dispatcher_s": "ok"})  # department X (in street S)
SIGNED_IN = only(dict.fromkeys(PRINCIPALS[1:], "ok"))
TICKET_ONLY = dict.fromkeys(PRINCIPALS, "401")  # the stream takes a ticket, never a bearer token

SERVICES = ("intake", "dispatch", "tracking", "notify", "community")
# The community side (COMMUNITY.md §1): C is the worker A's community (grid A lies in it), D another.
COMMUNITY_C, COMMUNITY_D, UNIT = "XY-WQ-WY", "TN-CS-FQXC", "UNIT-U"
MEMBER_OBJECT = only({"staff_c": "ok", "staff_d": "404", "volunteer_c": "ok", "volunteer_d": "404"})
NEED_OBJECT = only(
    {
        "staff_c": "ok",
        "staff_d": "404",
        "volunteer_c": "ok",
        "volunteer_d": "404",
        "worker_a": "ok",
        "worker_b": "404",
        "unit_u": "ok",
    }
)
NEED_CLAIMER = only({"volunteer_c": "ok", "volunteer_d": "404", "unit_u": "ok"})
NEED_HELPER = only({"staff_c": "ok", "staff_d": "404", "volunteer_c": "ok", "volunteer_d": "404", "unit_u": "ok"})
NEED_STAFF = only({"staff_c": "ok", "staff_d": "404"})
NEEDS_MAP = only(dict.fromkeys(("staff_c", "staff_d", "dispatcher_s", "dispatcher_t"), "ok"))
NEED_CONFIRMER = only({"staff_c": "ok", "staff_d": "404", "worker_a": "ok", "worker_b": "404"})
# The community's forces: unit U signed with C; an order of C asking U, a project of C with U, an activity of C.
UNIT_OBJECT = only({"staff_c": "ok", "staff_d": "404", "unit_u": "ok"})
ORDER_OBJECT = only({"staff_c": "ok", "staff_d": "404", "unit_u": "ok"})
PROJECT_OBJECT = only({"staff_c": "ok", "staff_d": "404", "volunteer_c": "ok", "volunteer_d": "404", "unit_u": "ok"})
ACTIVITY_OBJECT = only({"staff_c": "ok", "staff_d": "404", "volunteer_c": "ok", "volunteer_d": "404"})
# The organiser's (here staff C): a volunteer of C who does not organise it is refused, D's see nothing.
ACTIVITY_ORGANISER = only({"staff_c": "ok", "staff_d": "404", "volunteer_c": "403", "volunteer_d": "404"})
# Taking a member out of service comes last, with the deletes: the claims need an active member.
ENDING = ("/v1/members/{member_id}/pause", "/v1/members/{member_id}/leave")
# Community staff list their own community's subscriptions; a department's is not theirs to see or touch.
WEBHOOK_READERS = only({"admin": "ok", "liaison_x": "ok", "liaison_y": "ok", "staff_c": "ok", "staff_d": "ok"})
WEBHOOK_OBJECT = only(
    {"admin": "ok", "liaison_x": "ok", "liaison_y": "404", "staff_c": "404", "staff_d": "404"}
)  # a subscription of X
WEBHOOK_MANAGER = only({"admin": "ok", "staff_c": "404", "staff_d": "404"})  # staff: their community's only

# (service, method, OpenAPI path) → expected answer per principal.
MATRIX: dict[tuple[str, str, str], dict[str, str]] = {
    # operations: public on every service (tracking moves /metrics to its own port in production)
    **{(s, "GET", p): EVERYONE for s in SERVICES for p in ("/healthz", "/readyz")},
    **{(s, "GET", "/metrics"): EVERYONE for s in SERVICES},
    # the words every page names statuses with: public, the same for every service that serves a page
    **{(s, "GET", "/v1/vocabulary"): EVERYONE for s in ("intake", "dispatch", "tracking", "community")},
    # intake
    ("intake", "POST", "/v1/reports"): WORKER_IN_GRID,
    ("intake", "GET", "/v1/reports"): WORKER_ANY,
    ("intake", "GET", "/v1/reports/{report_id}"): WORKER_OWN,
    ("intake", "POST", "/v1/reports/{report_id}/verification"): WORKER_OWN,
    ("intake", "POST", "/v1/reports/{report_id}/feedback"): WORKER_OWN,
    ("intake", "GET", "/v1/categories"): SIGNED_IN,
    ("intake", "GET", "/v1/grids"): SIGNED_IN,
    ("intake", "GET", "/v1/grids/locate"): WORKER_ANY,  # among the worker's own grids
    ("intake", "GET", "/v1/departments"): SIGNED_IN,
    ("intake", "GET", "/open311/v2/services.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/services/{service_code}.{fmt}"): EVERYONE,
    ("intake", "POST", "/open311/v2/requests.{fmt}"): WORKER_IN_GRID,
    # Reading is public in GeoReport v2 (no personal data in what it shows).
    ("intake", "GET", "/open311/v2/requests.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/requests/{request_id}.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/v2/tokens/{token_id}.{fmt}"): EVERYONE,
    ("intake", "GET", "/open311/discovery.{fmt}"): EVERYONE,
    # volunteers too: their photos prove a community need done (the members' app uploads them here)
    ("intake", "POST", "/v1/photos"): only(
        {
            "worker_a": "ok",
            "worker_b": "ok",
            "liaison_x": "ok",
            "liaison_y": "ok",
            "volunteer_c": "ok",
            "volunteer_d": "ok",
        }
    ),
    ("intake", "GET", "/v1/photos/{sha256}"): {},  # filled from the observed row below, see PHOTO_READERS
    ("intake", "GET", "/v1/photos/{sha256}/thumbnail"): {},
    # dispatch
    ("dispatch", "POST", "/v1/stream/tickets"): CASE_READERS,
    ("dispatch", "GET", "/v1/stream/cases"): TICKET_ONLY,
    ("dispatch", "GET", "/v1/cases/{case_id}/duplicates"): DISPATCHER_ACTION,
    ("dispatch", "GET", "/v1/overdue"): DISPATCHERS,
    ("dispatch", "GET", "/v1/cases"): CASE_READERS,
    # the staff map (docs/map.md): cases in the queue's scope; needs asked of the community with the own token
    ("dispatch", "GET", "/v1/map"): CASE_READERS,
    ("dispatch", "GET", "/v1/map/needs"): DISPATCHERS,
    # the console's duty view (docs/notifications.md): notify's rosters and chains asked for the console user;
    # dispatch admits its staff, notify scopes the answer (its own rows below; end to end: test_console_duty.py)
    ("dispatch", "GET", "/v1/duty/rosters/{owner}/on-duty"): STAFF,
    ("dispatch", "GET", "/v1/duty/rosters/{owner}/week"): STAFF,
    ("dispatch", "GET", "/v1/duty/rosters/{owner}/people"): STAFF,
    ("dispatch", "GET", "/v1/duty/chains/{case_id}"): STAFF,
    ("dispatch", "GET", "/v1/cases/{case_id}"): CASE_OBJECT,
    ("dispatch", "GET", "/v1/cases/{case_id}/reporter"): CASE_OBJECT,  # the reporting worker's contact
    ("dispatch", "POST", "/v1/cases/{case_id}/acknowledge"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/progress"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/resolve"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/return"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension"): LIAISON_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension/approve"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/extension/reject"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/route"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/whistle"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/hand-to-community"): DISPATCHER_ACTION,  # 点单响应
    ("dispatch", "POST", "/v1/cases/{case_id}/merge"): DISPATCHER_ACTION,
    ("dispatch", "POST", "/v1/cases/{case_id}/cancel"): DISPATCHER_ACTION,
    ("dispatch", "GET", "/v1/departments"): STAFF,
    ("dispatch", "GET", "/v1/grids"): STAFF,
    ("dispatch", "GET", "/v1/routing/rules"): STAFF,
    ("dispatch", "PUT", "/v1/routing/rules"): ADMIN,
    ("dispatch", "POST", "/v1/routing/preview"): STAFF,
    # dispatch: the directory is admin's; its change feed (subjects, roles, no personal data) also ops'
    ("dispatch", "GET", "/v1/people"): ADMIN,
    ("dispatch", "POST", "/v1/people"): ADMIN,
    ("dispatch", "GET", "/v1/people/changes"): only({"admin": "ok", "ops": "ok"}),
    ("dispatch", "POST", "/v1/people/import"): ADMIN,
    ("dispatch", "GET", "/v1/people/{person_id}"): ADMIN,
    ("dispatch", "PATCH", "/v1/people/{person_id}"): ADMIN,
    ("dispatch", "POST", "/v1/people/{person_id}/deactivate"): ADMIN,
    ("dispatch", "GET", "/v1/people/{person_id}/audit"): ADMIN,
    # dispatch: reference data change sets are admin's; the version in force is also the services' (ops)
    ("dispatch", "POST", "/v1/reference/changesets"): ADMIN,
    # … but a dispatcher proposes a routing rule from a case of their jurisdiction ("save as a rule")
    ("dispatch", "POST", "/v1/cases/{case_id}/rule-proposal"): DISPATCHER_ACTION,
    ("dispatch", "GET", "/v1/reference/changesets"): ADMIN,
    ("dispatch", "POST", "/v1/reference/changesets/import"): ADMIN,
    ("dispatch", "GET", "/v1/reference/changesets/{changeset_id}"): ADMIN,
    ("dispatch", "POST", "/v1/reference/changesets/{changeset_id}/dry-run"): ADMIN,
    ("dispatch", "POST", "/v1/reference/changesets/{changeset_id}/approve"): ADMIN,
    ("dispatch", "POST", "/v1/reference/changesets/{changeset_id}/withdraw"): ADMIN,
    ("dispatch", "GET", "/v1/reference/versions"): ADMIN,
    ("dispatch", "GET", "/v1/reference/versions/current"): only({"admin": "ok", "ops": "ok"}),
    ("dispatch", "GET", "/v1/reference/versions/{version}"): ADMIN,
    ("dispatch", "GET", "/v1/reference/versions/{version}/export"): ADMIN,
    ("dispatch", "POST", "/v1/reference/versions/{version}/restore"): ADMIN,
    ("dispatch", "GET", "/v1/reference/audit"): ADMIN,
    # tracking: the public board and statistics
    ("tracking", "GET", "/v1/board/cases"): EVERYONE,
    ("tracking", "GET", "/v1/board/cases/{case_id}"): NOBODY_HAS_IT,  # tracking here holds no case
    ("tracking", "GET", "/v1/board/stream"): EVERYONE,  # an endless stream: only its route is checked here
    ("tracking", "GET", "/v1/board/map"): EVERYONE,  # counts per grid and polygons: nothing personal
    ("tracking", "GET", "/v1/stats/departments"): EVERYONE,
    ("tracking", "GET", "/v1/stats/communities"): EVERYONE,
    ("tracking", "GET", "/v1/stats/categories"): EVERYONE,
    ("tracking", "GET", "/v1/stats/daily"): EVERYONE,
    ("tracking", "GET", "/v1/board/needs"): EVERYONE,  # the wish wall: kinds, grids, statuses, no person
    ("tracking", "GET", "/v1/board/topics"): EVERYONE,  # 议事公开栏: steps, counts, dates, results; no text
    ("tracking", "GET", "/v1/stats/community"): EVERYONE,
    # notify: webhooks are admin's; a liaison reads its own department's and their delivery log; community
    # staff manage their own community's (a department's subscription, as here, is refused them)
    ("notify", "POST", "/v1/webhooks"): ADMIN,
    ("notify", "GET", "/v1/webhooks"): WEBHOOK_READERS,
    ("notify", "GET", "/v1/webhooks/{sub_id}"): WEBHOOK_OBJECT,
    ("notify", "GET", "/v1/webhooks/{sub_id}/deliveries"): WEBHOOK_OBJECT,
    ("notify", "POST", "/v1/webhooks/{sub_id}/test"): WEBHOOK_MANAGER,
    ("notify", "DELETE", "/v1/webhooks/{sub_id}"): WEBHOOK_MANAGER,
    # notify's duty rosters (值班表): admin keeps them; admin, the department's own liaison and a dispatcher of its
    # area read them
    ("notify", "GET", "/v1/rosters/{owner}"): ROSTER_READERS,
    ("notify", "GET", "/v1/rosters/{owner}/on-duty"): ROSTER_READERS,
    ("notify", "GET", "/v1/rosters/{owner}/week"): ROSTER_READERS,
    ("notify", "POST", "/v1/rosters/{owner}/layers"): ADMIN,
    ("notify", "PUT", "/v1/rosters/{owner}/layers/{layer_id}"): ADMIN,
    ("notify", "DELETE", "/v1/rosters/{owner}/layers/{layer_id}"): ADMIN,
    ("notify", "POST", "/v1/rosters/{owner}/overrides"): ADMIN,
    ("notify", "DELETE", "/v1/rosters/{owner}/overrides/{override_id}"): ADMIN,
    ("notify", "PUT", "/v1/rosters/{owner}/people/{member}"): ADMIN,
    # notify's escalation policies (admin writes a version; readers as for rosters) and a case's chains (the
    # departments' chains the reader may read; none is an empty list)
    ("notify", "GET", "/v1/escalation-policies/{owner}"): ROSTER_READERS,
    ("notify", "PUT", "/v1/escalation-policies/{owner}"): ADMIN,
    ("notify", "GET", "/v1/escalation-chains/{case_id}"): only(
        {"admin": "ok", "liaison_x": "ok", "liaison_y": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok"}
    ),
    # notify's escalation statistics: admin, and dispatchers (their jurisdiction's departments)
    ("notify", "GET", "/v1/escalation-stats"): only({"admin": "ok", "dispatcher_s": "ok", "dispatcher_t": "ok"}),
    # community: members (staff of the community, the member themselves), needs and their claims
    ("community", "GET", "/v1/skills"): EVERYONE,
    ("community", "GET", "/v1/need-kinds"): EVERYONE,
    ("community", "POST", "/v1/members"): only({"staff_c": "ok", "volunteer_c": "ok"}),  # the body names C
    ("community", "GET", "/v1/members"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/members/me"): only({"volunteer_c": "ok", "volunteer_d": "404"}),  # D never reported in
    ("community", "GET", "/v1/members/{member_id}"): MEMBER_OBJECT,
    ("community", "GET", "/v1/members/{member_id}/hours"): MEMBER_OBJECT,
    ("community", "POST", "/v1/members/{member_id}/confirm"): NEED_STAFF,
    ("community", "POST", "/v1/members/{member_id}/pause"): MEMBER_OBJECT,
    ("community", "POST", "/v1/members/{member_id}/leave"): MEMBER_OBJECT,
    ("community", "POST", "/v1/needs"): only({"staff_c": "ok", "staff_d": "403", "worker_a": "ok", "worker_b": "403"}),
    ("community", "GET", "/v1/needs"): only(
        dict.fromkeys(("staff_c", "staff_d", "volunteer_c", "volunteer_d", "worker_a", "worker_b", "unit_u"), "ok")
    ),
    # the staff map's needs and gap view: staff (their community), dispatchers (their jurisdiction's)
    ("community", "GET", "/v1/needs/map"): NEEDS_MAP,
    ("community", "GET", "/v1/needs/gaps"): NEEDS_MAP,
    ("community", "GET", "/v1/needs/{need_id}"): NEED_OBJECT,
    ("community", "POST", "/v1/needs/{need_id}/claim"): NEED_CLAIMER,
    ("community", "POST", "/v1/needs/{need_id}/claims/{claim_id}/confirm"): NEED_STAFF,
    ("community", "POST", "/v1/needs/{need_id}/release"): NEED_HELPER,
    ("community", "POST", "/v1/needs/{need_id}/start"): NEED_CLAIMER,
    ("community", "POST", "/v1/needs/{need_id}/done"): NEED_CLAIMER,
    ("community", "POST", "/v1/needs/{need_id}/confirm"): NEED_CONFIRMER,
    ("community", "POST", "/v1/needs/{need_id}/cancel"): NEED_STAFF,
    ("community", "POST", "/v1/needs/{need_id}/whistle"): NEED_CONFIRMER,
    ("community", "POST", "/v1/needs/{need_id}/resident"): NEED_STAFF,  # 点单响应: staff fill a case's need
    # community: units, resources (public, and as HSDS), orders, projects, activities, certificates
    ("community", "POST", "/v1/units"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/units"): only({"staff_c": "ok", "staff_d": "ok", "unit_u": "ok"}),
    ("community", "GET", "/v1/units/{code}"): UNIT_OBJECT,
    ("community", "POST", "/v1/units/{code}/agreements"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "POST", "/v1/resources"): only({"staff_c": "ok", "staff_d": "403", "unit_u": "ok"}),  # names C
    ("community", "GET", "/v1/resources"): EVERYONE,
    ("community", "GET", "/v1/hsds/services"): EVERYONE,
    ("community", "POST", "/v1/orders"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/orders"): only({"staff_c": "ok", "staff_d": "ok", "unit_u": "ok"}),
    ("community", "GET", "/v1/orders/{order_id}"): ORDER_OBJECT,
    ("community", "POST", "/v1/orders/{order_id}/responses"): only({"unit_u": "ok"}),
    ("community", "POST", "/v1/orders/{order_id}/close"): NEED_STAFF,
    ("community", "POST", "/v1/projects"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/projects"): only(
        {"staff_c": "ok", "staff_d": "ok", "volunteer_c": "ok", "volunteer_d": "ok", "unit_u": "ok"}
    ),
    ("community", "GET", "/v1/projects/{project_id}"): PROJECT_OBJECT,
    ("community", "POST", "/v1/projects/{project_id}/progress"): {**PROJECT_OBJECT, "volunteer_c": "403"},
    # a volunteer organises only once registered (报到) and confirmed: D's volunteer is not
    ("community", "POST", "/v1/activities"): only(
        {"staff_c": "ok", "staff_d": "ok", "volunteer_c": "ok", "volunteer_d": "403"}
    ),
    ("community", "GET", "/v1/activities"): only(
        {"staff_c": "ok", "staff_d": "ok", "volunteer_c": "ok", "volunteer_d": "ok"}
    ),
    ("community", "GET", "/v1/activities/{activity_id}"): ACTIVITY_OBJECT,
    ("community", "POST", "/v1/activities/{activity_id}/signups"): only({"volunteer_c": "ok", "volunteer_d": "404"}),
    ("community", "GET", "/v1/activities/{activity_id}/qr"): ACTIVITY_ORGANISER,
    ("community", "POST", "/v1/activities/{activity_id}/checkin"): ACTIVITY_ORGANISER,  # the body marks a member
    ("community", "POST", "/v1/activities/{activity_id}/checkout"): ACTIVITY_ORGANISER,
    ("community", "POST", "/v1/activities/{activity_id}/grants"): ACTIVITY_ORGANISER,
    ("community", "POST", "/v1/activities/{activity_id}/close"): ACTIVITY_ORGANISER,
    ("community", "POST", "/v1/members/{member_id}/certificates"): NEED_STAFF,
    ("community", "GET", "/v1/certificates/{number}"): NOBODY_HAS_IT,  # public; this number was never issued
    ("community", "GET", "/v1/certificates/{number}/page"): NOBODY_HAS_IT,
    ("community", "GET", "/v1/work-units/{name}/summary"): only({"staff_c": "ok", "staff_d": "ok"}),
    # community: 议事 (topics) are the community's staff's; another community's staff get 404
    ("community", "POST", "/v1/topics"): only({"staff_c": "ok", "staff_d": "403"}),  # the body names C
    ("community", "GET", "/v1/topics"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/topics/{topic_id}"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/set"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/meetings"): NEED_STAFF,
    ("community", "GET", "/v1/topics/{topic_id}/meetings/{meeting_id}/minutes"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/decisions"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/actions"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/actions/{action_id}/done"): NEED_STAFF,
    ("community", "POST", "/v1/topics/{topic_id}/review"): NEED_STAFF,
    # community: teams and posts (志愿服务队, 志愿服务岗位) are the community's staff's; another's get 404
    ("community", "POST", "/v1/teams"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/teams"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/teams/{team_id}"): NEED_STAFF,
    ("community", "POST", "/v1/teams/{team_id}/members"): NEED_STAFF,
    ("community", "POST", "/v1/teams/{team_id}/members/{membership_id}/end"): NEED_STAFF,
    ("community", "POST", "/v1/posts"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/posts"): only({"staff_c": "ok", "staff_d": "ok"}),
    ("community", "GET", "/v1/posts/{post_id}"): NEED_STAFF,
    ("community", "POST", "/v1/posts/{post_id}/holders"): NEED_STAFF,
    ("community", "POST", "/v1/posts/{post_id}/holders/{holding_id}/end"): NEED_STAFF,
}
STREAMS = {("tracking", "GET", "/v1/board/stream")}
# A photo is read by its uploader and the parties of the reports using it, else it is as if absent
# (test_photo_access.py); the hash asked for here is unknown: every signed-in caller gets 404, anonymous 401.
PHOTO_READERS = only(dict.fromkeys(PRINCIPALS[1:], "404"))
MATRIX[("intake", "GET", "/v1/photos/{sha256}")] = PHOTO_READERS
MATRIX[("intake", "GET", "/v1/photos/{sha256}/thumbnail")] = PHOTO_READERS


def _headers(chuishao: System, principal: str) -> dict[str, str]:
    s = chuishao.dispatch.settings
    tokens = {
        "worker_a": dict(sub="worker-a", role="grid_worker", grids=[GRID]),
        "worker_b": dict(sub="worker-b", role="grid_worker", grids=[OTHER_GRID]),
        "liaison_x": dict(sub="liaison-x", role="liaison", department=LEAD),
        "liaison_y": dict(sub="liaison-y", role="liaison", department=OTHER_DEPARTMENT),
        "dispatcher_s": dict(sub="dispatcher-s", role="dispatcher", jurisdiction=STREET),
        "dispatcher_t": dict(sub="dispatcher-t", role="dispatcher", jurisdiction=OTHER_STREET),
        "admin": dict(sub="admin-1", role="admin"),
        "ops": dict(sub="ops-1", role="ops"),
        "staff_c": dict(sub="staff-c", role="community_staff", community=COMMUNITY_C),
        "staff_d": dict(sub="staff-d", role="community_staff", community=COMMUNITY_D),
        "volunteer_c": dict(sub="volunteer-c", role="volunteer", community=COMMUNITY_C),
        "volunteer_d": dict(sub="volunteer-d", role="volunteer", community=COMMUNITY_D),
        "unit_u": dict(sub="unit-u", role="unit_contact", unit=UNIT),
    }
    if principal == "anon":
        return {}
    return bearer(mint_token(s, **tokens[principal]))  # type: ignore[arg-type]


def _classify(status: int) -> str:
    return str(status) if status in (401, 403, 404) else "ok"


async def test_every_route_answers_every_role_as_the_contract_says(
    chuishao: System, tracking: RunningService, notify: RunningService, community: RunningService
) -> None:
    clients = {
        "intake": chuishao.intake.client,
        "dispatch": chuishao.dispatch.client,
        "tracking": tracking.client,
        "notify": notify.client,
        "community": community.client,
    }
    documented = {
        (service, method.upper(), path)
        for service, client in clients.items()
        for path, operations in (await client.get("/openapi.json")).json()["paths"].items()
        for method in operations
    }
    assert documented - set(MATRIX) == set(), "routes missing from the authorization matrix"
    assert set(MATRIX) - documented == set(), "matrix rows for routes that no longer exist"

    # The objects: a report by worker A, routed to a case led by department X in street S.
    worker_a = _headers(chuishao, "worker_a")["Authorization"][7:]
    report = await file(chuishao, worker_a)
    case = await case_of(chuishao, worker_a, report["id"], "dispatched")
    ids = {"report_id": report["id"], "request_id": report["id"], "token_id": report["id"], "case_id": case["id"]}
    subscription = {"department": LEAD, "url": "https://hooks.example/in", "secret": SECRET}
    created = await notify.client.post("/v1/webhooks", json=subscription, headers=_headers(chuishao, "admin"))
    assert created.status_code == 201, created.text
    ids |= {"fmt": "json", "service_code": report["category"], "sha256": "0" * 64, "sub_id": created.json()["id"]}
    layer = {
        "level": 1,
        "name": "白班",
        "rrule": "FREQ=DAILY",
        "starts": "2030-01-01T08:00:00+08:00",
        "shift_minutes": 720,
        "members": ["m-a"],
    }
    sick = {"level": 1, "member": "m-b", "starts": "2030-01-02T08:00:00+08:00", "ends": "2030-01-02T20:00:00+08:00"}
    admin_headers = _headers(chuishao, "admin")
    made_layer = await notify.client.post(f"/v1/rosters/{LEAD}/layers", json=layer, headers=admin_headers)
    made_override = await notify.client.post(f"/v1/rosters/{LEAD}/overrides", json=sick, headers=admin_headers)
    assert made_layer.status_code == made_override.status_code == 201, made_layer.text + made_override.text
    ids |= {"owner": LEAD, "layer_id": made_layer.json()["id"], "override_id": made_override.json()["id"]}
    ids |= {"member": "m-a"}
    # The community's objects: volunteer C registered (报到) and confirmed; a need in grid A.
    member_body = {"name": "李建国", "phone": "13912345678", "community": COMMUNITY_C, "grid": GRID}
    as_c = {**_headers(chuishao, "volunteer_c"), "Idempotency-Key": uuid.uuid4().hex}
    member = await community.client.post("/v1/members", json=member_body, headers=as_c)
    assert member.status_code == 201, member.text
    staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
    confirmed = await community.client.post(f"/v1/members/{member.json()['id']}/confirm", headers=staff_c)
    assert confirmed.status_code == 200, confirmed.text
    need_body = {
        "kind": "wish",
        "title": "代购米面",
        "grid": GRID,
        "resident": {"name": "王秀珍", "phone": "13800001111"},
        "wanted_by": "2099-01-01T00:00:00+08:00",
        "privacy": "open",
    }
    staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
    need = await community.client.post("/v1/needs", json=need_body, headers=staff_c)
    assert need.status_code == 201, need.text
    ids |= {"member_id": member.json()["id"], "need_id": need.json()["id"], "claim_id": str(uuid.uuid4())}
    # Unit U signed with C; an order of C asking U, a project of C with U, an activity of C organised by staff C.
    force_bodies: dict[str, Any] = {
        "/v1/units": {
            "code": UNIT,
            "name": "县供电公司",
            "kind": "enterprise",
            "contact": {"name": "钱多多", "phone": "13711112222"},
            "agreement": {"signed_on": "2020-01-01", "term_from": "2020-01-01"},
        },
        "/v1/orders": {
            "title": "环境整治",
            "items": [{"name": "志愿者", "quantity": 5}],
            "needed_by": "2099-01-01T00:00:00+08:00",
            "units": [UNIT],
        },
        "/v1/projects": {"title": "加装扶手", "goal": "60 户", "period_from": "2026-01-01", "units": [UNIT]},
        "/v1/activities": {
            "title": "敬老院陪护",
            "starts_at": "2099-01-01T09:00:00+08:00",
            "ends_at": "2099-01-01T11:00:00+08:00",
            "place": {"name": "敬老院"},
            "slots": [{"code": "helpers", "capacity": 5}],
        },
    }
    for path, key in (
        ("/v1/units", "code"),
        ("/v1/orders", "order_id"),
        ("/v1/projects", "project_id"),
        ("/v1/activities", "activity_id"),
    ):
        staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
        made_force = await community.client.post(path, json=force_bodies[path], headers=staff_c)
        assert made_force.status_code == 201, made_force.text
        ids[key] = made_force.json()["code" if key == "code" else "id"]
    ids |= {"number": "XY-WQ-WY-2026-000001-AAAAA", "name": "县教育局"}
    force_bodies |= {
        "/v1/units/{code}/agreements": {"signed_on": "2020-01-01", "term_from": "2020-01-01"},
        "/v1/resources": {
            "unit": UNIT,
            "community": COMMUNITY_C,
            "kind": "venue",
            "name": "活动室",
            "description": "40 人",
            "place": {"name": "供电所二楼", "lat": 36.53, "lon": 113.05},
        },
        "/v1/orders/{order_id}/responses": {"unit": UNIT, "declined": True},
        "/v1/projects/{project_id}/progress": {"note": "完成 20 户", "people_served": 20},
        "/v1/activities/{activity_id}/signups": {"slot": "helpers"},
        "/v1/activities/{activity_id}/checkin": {"member": ids["member_id"]},
        "/v1/activities/{activity_id}/checkout": {"member": ids["member_id"]},
        "/v1/activities/{activity_id}/grants": {"member": ids["member_id"], "hours": 1, "reason": "布置场地"},
        "/v1/activities/{activity_id}/close": {"people_served": 3},
    }
    # A topic of C through a quorate meeting, a decision and a task (议事).
    topic_bodies = {
        "/v1/topics": {"title": "楼道堆物", "question": "怎么清？", "community": COMMUNITY_C, "evidence": []},
        "/v1/topics/{topic_id}/set": {"question": "怎么清？", "participants": []},
        "/v1/topics/{topic_id}/meetings": {
            "at": "2026-01-01T10:00:00+08:00",
            "place": "议事厅",
            "agenda": ["清理"],
            "attendance": [{"party": p, "name": p} for p in ("committee", "party_member", "resident", "stakeholder")],
        },
        "/v1/topics/{topic_id}/decisions": {
            "item": "清理",
            "decision": "周六清理",
            "owner": "物业",
            "due": "2099-01-01T00:00:00+08:00",
        },
        "/v1/topics/{topic_id}/actions": {"kind": "task", "owner": "楼栋长", "due": "2099-01-01T00:00:00+08:00"},
        "/v1/topics/{topic_id}/review": {"result": "resolved"},
    }
    made: dict[str, Any] = {}
    for path in list(topic_bodies)[:-1]:
        staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
        answer = await community.client.post(path.format(**made), json=topic_bodies[path], headers=staff_c)
        assert answer.status_code in (200, 201), answer.text
        made.setdefault("topic_id", answer.json()["id"])
        if path.endswith("/meetings"):
            made["meeting_id"] = answer.json()["id"]
    made["action_id"] = answer.json()["actions"][0]["id"]
    ids |= made
    # A team of C with volunteer C as a member, and a post of C that volunteer C holds.
    team_bodies = {
        "/v1/teams": {"name": "红马甲", "kind": "red_vest"},
        "/v1/teams/{team_id}/members": {"member": ids["member_id"]},
        "/v1/posts": {"name": "楼栋长", "seats": 2},
        "/v1/posts/{post_id}/holders": {"member": ids["member_id"]},
    }
    for path, key, tenures, tenure_key in (
        ("/v1/teams", "team_id", "members", "membership_id"),
        ("/v1/posts", "post_id", "holders", "holding_id"),
    ):
        staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
        body = (await community.client.post(path, json=team_bodies[path], headers=staff_c)).json()
        ids[key] = body["id"]
        nested = f"{path}/{{{key}}}/{tenures}"
        staff_c = {**_headers(chuishao, "staff_c"), "Idempotency-Key": uuid.uuid4().hex}
        answer = await community.client.post(nested.format(**ids), json=team_bodies[nested], headers=staff_c)
        assert answer.status_code == 201, answer.text
        ids[tenure_key] = answer.json()[tenures][0]["id"]
    # A person in the directory (a subject none of the matrix's tokens has).
    person_body = {
        "name": "王磊",
        "subject": f"matrix-{uuid.uuid4().hex[:8]}",
        "roles": [{"role": "liaison", "department": LEAD}],
        "reason": "授权矩阵",
    }
    person = await chuishao.dispatch.client.post("/v1/people", json=person_body, headers=_headers(chuishao, "admin"))
    assert person.status_code == 201, person.text
    ids["person_id"] = person.json()["id"]
    current = await chuishao.dispatch.client.get("/v1/reference/versions/current", headers=_headers(chuishao, "admin"))
    sla = current.json()["content"]["sla_policies"]
    sla["makeup_workdays"], sla["holidays"] = ["2027-02-20"], ["2027-02-08"]
    changeset = await chuishao.dispatch.client.post(
        "/v1/reference/changesets",
        json={"reason": "授权矩阵", "content": {"sla_policies": sla}},
        headers=_headers(chuishao, "admin"),
    )
    assert changeset.status_code == 201, changeset.text
    ids["changeset_id"], ids["version"] = changeset.json()["id"], "1"
    bodies: dict[str, Any] = {
        "/v1/reports": report_body(),
        "/open311/v2/requests.{fmt}": None,  # a form, below
        "/v1/routing/preview": {"category": report["category"], "grid": GRID},
        "/v1/routing/rules": {"rules": []},
        # Valid bodies, so that the object check (404) is reached rather than validation (422).
        "/v1/reports/{report_id}/verification": {"result": "fixed"},
        "/v1/reports/{report_id}/feedback": {"satisfaction": "satisfied"},
        "/v1/cases/{case_id}/return": {"reason": "不属本部门"},
        "/v1/cases/{case_id}/extension": {"until": "2030-01-01T00:00:00+08:00", "reason": "需要采购配件"},
        "/v1/cases/{case_id}/extension/reject": {"reason": "理由不足"},
        "/v1/cases/{case_id}/route": {"departments": [LEAD], "reason": "改派"},
        "/v1/cases/{case_id}/whistle": {"departments": [LEAD], "reason": "吹哨"},
        "/v1/cases/{case_id}/hand-to-community": {"community": COMMUNITY_C, "reason": "交社区力量"},
        "/v1/cases/{case_id}/merge": {"into": str(uuid.uuid4())},
        "/v1/cases/{case_id}/cancel": {"reason": "重复上报"},
        "/v1/webhooks": subscription,
        "/v1/rosters/{owner}/layers": layer,
        "/v1/rosters/{owner}/layers/{layer_id}": layer,
        "/v1/rosters/{owner}/overrides": sick,
        "/v1/rosters/{owner}/people/{member}": {"name": "王值班", "mobile": "13800138000"},
        "/v1/escalation-policies/{owner}": {"steps": [{"kind": "level", "level": 1, "wait_minutes": 15}]},
        "/v1/members": member_body,
        "/v1/needs": need_body,
        "/v1/needs/{need_id}/done": {"note": "已完成", "hours": 1},
        "/v1/needs/{need_id}/confirm": {"satisfaction": "satisfied"},
        "/v1/needs/{need_id}/cancel": {"reason": "居民已自行解决"},
        "/v1/needs/{need_id}/whistle": {"category": "ENV-STAIRWELL-DIRTY", "description": "楼道堆物需物业清理"},
        "/v1/needs/{need_id}/resident": {"name": "王秀珍", "phone": "13800001111"},
        **topic_bodies,
        **force_bodies,
        **team_bodies,
        "/v1/people": {**person_body, "subject": f"matrix-{uuid.uuid4().hex[:8]}"},
        "/v1/people/{person_id}": {"name": "王磊磊", "reason": "改名"},
        "/v1/people/{person_id}/deactivate": {"reason": "离职"},
        "/v1/reference/changesets": {"reason": "授权矩阵", "content": {}},
        "/v1/cases/{case_id}/rule-proposal": {"lead": LEAD, "assist": [], "reason": "授权矩阵"},
        "/v1/reference/changesets/import": {"reason": "授权矩阵", "files": {}},
        "/v1/reference/changesets/{changeset_id}/withdraw": {"reason": "授权矩阵"},
        "/v1/reference/versions/{version}/restore": {"reason": "授权矩阵"},
    }

    wrong: list[str] = []
    checked = 0

    # Deleting (and taking the member out of service) comes last: the other cells need the objects.
    def last(item: tuple[tuple[str, str, str], dict[str, str]]) -> tuple[bool, tuple[str, str, str]]:
        return (item[0][1] == "DELETE" or item[0][2] in ENDING, item[0])

    for (service, method, path), expected in sorted(MATRIX.items(), key=last):
        if (service, method, path) in STREAMS:
            continue
        url = path.format(**ids)
        for principal in PRINCIPALS:
            headers = {**_headers(chuishao, principal), "Idempotency-Key": uuid.uuid4().hex}
            kwargs: dict[str, Any] = {"headers": headers}
            if path == "/open311/v2/requests.{fmt}" and method == "POST":
                form = {
                    "service_code": report["category"],
                    "attribute[grid]": GRID,
                    "description": "楼道堆满杂物，无法通行",
                    "lat": "36.53",
                    "long": "113.05",
                }
                if "Authorization" in headers:
                    form["api_key"] = headers.pop("Authorization")[7:]
                kwargs = {"headers": headers, "data": form}
            elif path == "/v1/photos" and method == "POST":
                kwargs["files"] = {"file": ("a.txt", b"not an image", "text/plain")}
            elif path == "/v1/people/import":
                kwargs["files"] = {"file": ("people.csv", "姓名,账号,角色\n".encode(), "text/csv")}
                kwargs["params"] = {"dry_run": "true"}
            elif method in ("POST", "PUT", "PATCH"):
                kwargs["json"] = bodies.get(path, {})
            response = await clients[service].request(method, url, **kwargs)
            checked += 1
            got = _classify(response.status_code)
            assert response.status_code < 500, (service, method, path, principal, response.text)
            if got != expected[principal]:
                wrong.append(
                    f"{service} {method} {path} as {principal}: {response.status_code} ≠ {expected[principal]}"
                )
    refused = sum(1 for row in MATRIX.values() for cell in row.values() if cell != "ok")
    print(f"\nauthorization matrix: {len(MATRIX)} routes, {checked} cells requested, {refused} refusals expected")
    assert not wrong, "\n".join(wrong)


# Departments that exist but serve another district: 天宁区's bureau, and 茶山's police station.
OTHER_DISTRICT_DEPARTMENTS = ("TN-ZJJ", "TN-CS-PCS")


async def test_a_dispatcher_cannot_route_or_whistle_a_case_to_another_districts_department(chuishao: System) -> None:
    """Cross-district route (of a triage case) and whistle (on a dispatched one): 403 naming
    `departments.N`, nothing written, and the other district's liaisons still cannot read the case; a
    department of the case's own district is fine."""
    worker = _headers(chuishao, "worker_a")["Authorization"][7:]
    unrouted = await file(chuishao, worker, category="ORDER-DOG", description="小区内有人饲养大型犬未拴绳")
    dispatched = await file(chuishao, worker)
    cases = {
        "route": await case_of(chuishao, worker, unrouted["id"], "triage"),
        "whistle": await case_of(chuishao, worker, dispatched["id"], "dispatched"),
    }
    client = chuishao.dispatch.client
    before = await count(chuishao.dispatch.settings, "outbox")
    for jurisdiction in (STREET, "XY"):  # a street's desk and the district's
        desk = bearer(mint_token(chuishao.dispatch.settings, sub="desk", role="dispatcher", jurisdiction=jurisdiction))
        for action, case in cases.items():
            for departments, index in (
                ([OTHER_DISTRICT_DEPARTMENTS[0]], 0),
                (["XY-GPS", OTHER_DISTRICT_DEPARTMENTS[1]], 1),
            ):
                response = await client.post(
                    f"/v1/cases/{case['id']}/{action}",
                    json={"departments": departments, "reason": "跨区派遣"},
                    headers={**desk, "Idempotency-Key": uuid.uuid4().hex},
                )
                assert response.status_code == 403, (jurisdiction, action, departments, response.text)
                assert response.headers["content-type"] == "application/problem+json"
                assert response.json()["errors"][0]["field"] == f"departments.{index}", response.text
    assert await count(chuishao.dispatch.settings, "outbox") == before
    for case in cases.values():
        for department in OTHER_DISTRICT_DEPARTMENTS:
            stranger = bearer(mint_token(chuishao.dispatch.settings, sub="x", role="liaison", department=department))
            assert (await client.get(f"/v1/cases/{case['id']}", headers=stranger)).status_code == 404
    # The case's own district: a county bureau above the street desk, and the street's police station.
    for action, case in cases.items():
        answered = await client.post(
            f"/v1/cases/{case['id']}/{action}",
            json={"departments": ["XY-GPS", "XY-WQ-PCS"], "reason": "需要供水公司和派出所"},
            headers={**_headers(chuishao, "dispatcher_s"), "Idempotency-Key": uuid.uuid4().hex},
        )
        assert answered.status_code == 200, answered.text
