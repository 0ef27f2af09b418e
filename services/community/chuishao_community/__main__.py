import sys

from chuishao_community.bootstrap import MIGRATIONS, CommunitySettings, build_app
from chuishao_shared.serve import serve

if __name__ == "__main__":
    if sys.argv[1:2] == ["seed-demo"]:  # a year of demo history (chuishao_community/demo_seed.py)
        from chuishao_community.demo_seed import main

        sys.exit(main(sys.argv[2:]))
    serve(CommunitySettings(), build_app, MIGRATIONS)
