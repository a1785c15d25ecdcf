"""Who supervises a zone under dynamic management (动态管理): who may inspect it, assess it and propose
its revocation. Derived only from the programme definition and the zone's own record (its place and
its designating or liaising authority), never from a request.

- the zone's designating (liaising) authority, which decides its requests (000:49 "建立实验区工作的
  动态管理制度…考核评价和检查验收");
- the programme's owner (the ministry for every national zone; 001:425 "必要时民政部可组织全国示范
  单位之间进行互查");
- the province the zone lies in, where the owner is at or above it (000:49 "各省级民政部门要切实加强
  对本地区实验区工作的组织协调"; 001:425 "各省（区、市）民政厅（局）要不定期对本地区的示范单位进行检查").
"""

from __future__ import annotations

from shared import jurisdictions as j
from shared.programmes.model import Programme


def supervisors(programme: Programme, place: str, authority: str) -> set[str]:
    """The jurisdictions supervising a zone at `place` designated (liaised) by `authority`."""
    out = {authority}
    if j.is_within(place, programme.owner):
        out.add(programme.owner)
        province = j.ancestor_at(place, j.Level.PROVINCE)
        if province and j.is_within(province, programme.owner):
            out.add(province)
    return out
