from chuishao_intake.bootstrap import MIGRATIONS, IntakeSettings, build_app
from chuishao_shared.serve import serve

if __name__ == "__main__":
    serve(IntakeSettings(), build_app, MIGRATIONS)
