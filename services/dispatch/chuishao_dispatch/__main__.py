from chuishao_dispatch.bootstrap import MIGRATIONS, DispatchSettings, build_app
from chuishao_shared.serve import serve

if __name__ == "__main__":
    serve(DispatchSettings(), build_app, MIGRATIONS)
